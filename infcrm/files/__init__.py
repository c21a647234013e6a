"""Files in and out: spreadsheets, email, calendars — on top of services, without Qt."""
