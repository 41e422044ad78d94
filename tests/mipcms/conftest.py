"""Fixtures for the operations tests: a local S3 emulator and media stored in it."""

import logging
import uuid

import boto3
import pytest
from moto.server import ThreadedMotoServer

from mipcms.storage import s3_storage_settings
from tests.mipcms.servers import free_port

S3_REGION = "us-east-1"
# moto accepts any keys; these only have to match between the storage and the test's client.
S3_KEYS = {"aws_access_key_id": "mipcms-test", "aws_secret_access_key": "mipcms-test-secret"}


@pytest.fixture(scope="session")
def s3_server():
    """moto's S3 in server mode on a free local port: the endpoint URL (no cloud needed)."""
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # one line per S3 call otherwise
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


def s3_environ(endpoint_url, bucket):
    """The environment production reads for MEDIA_STORAGE=s3, pointed at the emulator."""
    return {
        "MEDIA_STORAGE": "s3",
        "MEDIA_S3_BUCKET": bucket,
        "MEDIA_S3_ENDPOINT_URL": endpoint_url,
        "MEDIA_S3_REGION": S3_REGION,
        "MEDIA_S3_ACCESS_KEY_ID": S3_KEYS["aws_access_key_id"],
        "MEDIA_S3_SECRET_ACCESS_KEY": S3_KEYS["aws_secret_access_key"],
    }


@pytest.fixture
def s3_bucket(s3_server):
    """A fresh bucket in the emulator: (boto3 client, bucket name, environment for it)."""
    client = boto3.client("s3", endpoint_url=s3_server, region_name=S3_REGION, **S3_KEYS)
    bucket = f"mipcms-test-{uuid.uuid4().hex[:12]}"
    client.create_bucket(Bucket=bucket)
    return client, bucket, s3_environ(s3_server, bucket)


@pytest.fixture
def s3_media(s3_bucket, settings):
    """The site's media (images, renditions, documents) in an emulated S3 bucket."""
    client, bucket, environ = s3_bucket
    settings.STORAGES = {**settings.STORAGES, "default": s3_storage_settings(environ)}
    return client, bucket
