# unit tests: cred area
