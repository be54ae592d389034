"""One module per API resource: its serializers, its viewset and its `ROUTES`
(api/routing.py finds them; urls.py routes them)."""
