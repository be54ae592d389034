"""Digital signatures on issued documents (Decree 154/2026 Art. 24(2)): PAdES with
pyHanko, behind one interface for the signing devices (backends.py), the demo PKI the
set-up generates (pki.py), the trusted roots (trust.py), the Decree 30/2020 appearance
(appearance.py), and the service that signs a document as its issue step runs
(service.py); and the check anyone can make of a signed file (verify.py)."""
