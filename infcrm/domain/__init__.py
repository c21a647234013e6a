"""Pure domain rules of infcrm: enums, parsing of numbers and handles, metrics and validation."""
