"""The one reader of an Alexa (ASK CLI v2) interaction model: parse, Alexa's rules, built-ins."""
