"""Files in and out: spreadsheets, e-mail, calendars — on top of services, without Qt."""
