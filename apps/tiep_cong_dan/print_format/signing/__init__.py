"""Digital signatures of issued documents (PAdES): signing and verification."""
