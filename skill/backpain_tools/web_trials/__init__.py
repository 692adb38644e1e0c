"""Driving a served web door from outside: the server in a subprocess, requests sent to it one
connection each, and bodies of the worst shapes for a parser. For the web tests and benchmarks."""
