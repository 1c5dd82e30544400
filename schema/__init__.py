"""GraphQL schema: strawberry types, resolvers, DataLoaders, limits. Knows no HTTP."""
