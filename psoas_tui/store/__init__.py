"""TinyDB storage: the crash-safe storage class, the schema and its migrations, the repository."""
