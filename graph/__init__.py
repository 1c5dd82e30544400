"""Graph layer: the graph model, the stores (embedded FalkorDB, Neo4j), loading, queries.

All Cypher lives here; nothing here knows GraphQL or HTTP.
"""
