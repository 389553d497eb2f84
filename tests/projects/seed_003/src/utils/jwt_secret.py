"""The JWT signing secret: AWS Secrets Manager in production, the environment elsewhere."""
import os
import secrets

import boto3

ENVIRONMENT = os.getenv("PYTHON_ENV", "development")
_cached_secret = None


def _from_secrets_manager():
    client = boto3.client("secretsmanager")
    response = client.get_secret_value(SecretId=os.environ["JWT_SECRET_ARN"])
    return response["SecretString"]


def get_jwt_secret():
    global _cached_secret
    if _cached_secret is not None:
        return _cached_secret
    if ENVIRONMENT == "production":
        _cached_secret = _from_secrets_manager()
        return _cached_secret
    from_env = os.getenv("JWT_SECRET")
    if from_env:
        _cached_secret = from_env
        return _cached_secret
    # No secret configured: make a temporary one for this process.
    return secrets.token_hex(32)
