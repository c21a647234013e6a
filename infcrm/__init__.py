"""infcrm: a desktop CRM for influencer relationships that keeps everything local."""

__version__ = "0.1.0"
APP_NAME = "infcrm"
