"""The one guarded door to the network (``fetch``), its response cache, and the evidence service
through which remote providers are asked. Nothing else in factcheck opens a socket."""
