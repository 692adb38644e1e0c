"""Stand-ins for Amazon's side of the web door, on this machine: a certificate authority that
signs requests as Alexa does, an S3 that hands out its certificate chains, and the door served
trusting them. For the web tests and benchmarks; never used by `backpain serve` itself."""
