"""Use cases over the domain and storage. Each returns what changed; warnings are results."""
