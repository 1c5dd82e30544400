"""The HTTP app, its settings and the `dutygraph` command line."""
