"""TLS with a private CA: trusted with ``ca`` (and only for that client), refused without it, and a certificate
for another host name refused, each named (SecureConnectionError; the CLI adds the --ca hint, exit 1)."""

import datetime
import ipaddress

import grpc
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from onetime import Client, SecureConnectionError

from fake_server import FakeServer


def _cert(subject, issuer, public_key, signer, *, ca, names=(), expired=False):
    now = datetime.datetime.now(datetime.timezone.utc) - (datetime.timedelta(days=10) if expired else datetime.timedelta())
    builder = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, subject)]))
        .issuer_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, issuer)]))
        .public_key(public_key)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(hours=1))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
    )
    if names:
        builder = builder.add_extension(x509.SubjectAlternativeName([x509.DNSName(n) for n in names]), critical=False)
    return builder.sign(signer, hashes.SHA256())


@pytest.fixture(scope="module")
def pki():
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca = _cert("OneTime test CA", "OneTime test CA", ca_key.public_key(), ca_key, ca=True)
    server_key = ec.generate_private_key(ec.SECP256R1())
    server = _cert("localhost", "OneTime test CA", server_key.public_key(), ca_key, ca=False, names=["localhost"])
    pem = lambda c: c.public_bytes(serialization.Encoding.PEM)  # noqa: E731
    key_pem = server_key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    old = _cert("localhost", "OneTime test CA", server_key.public_key(), ca_key, ca=False, names=["localhost"], expired=True)
    return pem(ca), grpc.ssl_server_credentials([(key_pem, pem(server))]), grpc.ssl_server_credentials([(key_pem, pem(old))])


def test_the_private_ca_is_trusted_with_ca(pki, tmp_path):
    ca_pem, credentials, _ = pki
    (tmp_path / "ca.pem").write_bytes(ca_pem)
    with FakeServer(credentials) as server, Client(server.url, ca=tmp_path / "ca.pem") as client:
        assert client.read(client.send("over tls").link).text == "over tls"


def test_an_unknown_ca_is_named(pki):
    _, credentials, _ = pki
    with FakeServer(credentials) as server, Client(server.url, timeout=5) as client:
        with pytest.raises(SecureConnectionError) as raised:
            client.get_limits()
    assert str(raised.value) == f"TLS with https://localhost:{server.port} failed: the certificate is not issued by a trusted certificate authority."


def test_another_host_name_is_named(pki):
    ca_pem, credentials, _ = pki
    with FakeServer(credentials) as server, Client(f"https://127.0.0.1:{server.port}", ca=ca_pem, timeout=5) as client:
        with pytest.raises(SecureConnectionError) as raised:
            client.get_limits()
    assert "the certificate is for another host name" in str(raised.value)


def test_an_expired_certificate_is_named(pki):
    ca_pem, _, expired = pki
    with FakeServer(expired) as server, Client(server.url, ca=ca_pem, timeout=5) as client:
        with pytest.raises(SecureConnectionError, match="the certificate has expired or is not valid yet"):
            client.get_limits()
