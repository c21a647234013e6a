"""Reading shops' order exports (Shopify, WooCommerce, Etsy) into plain orders for services."""
