"""Files in and out: spreadsheets, e-mail messages, calendars — on top of the services, without Qt."""
