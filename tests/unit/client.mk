# unit tests: client area
