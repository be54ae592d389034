"""The citizens' public site: the reception schedule, a request to be received online
and following one's own case. It is served at `/`, apart from the staff desk
(`/desk/`) and the API (`/api/`): no staff session or cookie reaches it (isolation.py),
its pages carry a strict Content-Security-Policy with no inline script, and every page
reads without JavaScript. It stands at the top layer beside the API and the jobs: it
reads the document types through their service functions and never the other way."""
