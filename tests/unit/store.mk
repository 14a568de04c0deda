# unit tests: store area
