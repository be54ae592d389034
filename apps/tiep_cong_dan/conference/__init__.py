"""Video conference backends behind one interface (`base.ConferenceBackend`): Pexip
Infinity (the province's platform, through its Management API), with a stateful fake
of that API for development and tests (`pexip/fake.py`)."""
