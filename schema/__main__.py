"""`python -m dutygraph.schema > schema.graphql`: print the schema's SDL."""

from dutygraph.schema.schema import schema

print(schema.as_str())
