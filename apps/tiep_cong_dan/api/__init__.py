"""The REST API under /api/v1/ (Django REST Framework, OpenAPI by drf-spectacular): the
same permission rules, scopes and masking as the desk, the same services and workflow
engine for writes, per-user tokens stored hashed."""
