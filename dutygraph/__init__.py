"""dutygraph: work plans -> a graph of who must do what.

The code lives in the top-level folders loaders/, graph/, schema/ and api/, installed as
dutygraph.loaders, dutygraph.graph, dutygraph.schema and dutygraph.api.
"""

__version__ = "0.1.0"
