from google.protobuf import duration_pb2 as _duration_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Mapping as _Mapping, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor
SECRET_STATE_READ: SecretState
SECRET_STATE_UNSPECIFIED: SecretState
SECRET_STATE_WAITING: SecretState

class BurnRequest(_message.Message):
    __slots__ = ["auth_token", "id"]
    AUTH_TOKEN_FIELD_NUMBER: _ClassVar[int]
    ID_FIELD_NUMBER: _ClassVar[int]
    auth_token: bytes
    id: str
    def __init__(self, id: _Optional[str] = ..., auth_token: _Optional[bytes] = ...) -> None: ...

class BurnResponse(_message.Message):
    __slots__ = []
    def __init__(self) -> None: ...

class ConfirmReadRequest(_message.Message):
    __slots__ = ["auth_token", "confirmation", "id"]
    AUTH_TOKEN_FIELD_NUMBER: _ClassVar[int]
    CONFIRMATION_FIELD_NUMBER: _ClassVar[int]
    ID_FIELD_NUMBER: _ClassVar[int]
    auth_token: bytes
    confirmation: bytes
    id: str
    def __init__(self, id: _Optional[str] = ..., auth_token: _Optional[bytes] = ..., confirmation: _Optional[bytes] = ...) -> None: ...

class ConfirmReadResponse(_message.Message):
    __slots__ = []
    def __init__(self) -> None: ...

class ExistsRequest(_message.Message):
    __slots__ = ["auth_token", "id"]
    AUTH_TOKEN_FIELD_NUMBER: _ClassVar[int]
    ID_FIELD_NUMBER: _ClassVar[int]
    auth_token: bytes
    id: str
    def __init__(self, id: _Optional[str] = ..., auth_token: _Optional[bytes] = ...) -> None: ...

class ExistsResponse(_message.Message):
    __slots__ = ["exists", "expires_at", "read_at", "read_confirmation", "state", "views_left"]
    EXISTS_FIELD_NUMBER: _ClassVar[int]
    EXPIRES_AT_FIELD_NUMBER: _ClassVar[int]
    READ_AT_FIELD_NUMBER: _ClassVar[int]
    READ_CONFIRMATION_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    VIEWS_LEFT_FIELD_NUMBER: _ClassVar[int]
    exists: bool
    expires_at: _timestamp_pb2.Timestamp
    read_at: _timestamp_pb2.Timestamp
    read_confirmation: bytes
    state: SecretState
    views_left: int
    def __init__(self, exists: bool = ..., expires_at: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., views_left: _Optional[int] = ..., state: _Optional[_Union[SecretState, str]] = ..., read_at: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., read_confirmation: _Optional[bytes] = ...) -> None: ...

class GetLimitsRequest(_message.Message):
    __slots__ = []
    def __init__(self) -> None: ...

class GetLimitsResponse(_message.Message):
    __slots__ = ["default_ttl", "max_ciphertext_bytes", "max_ttl", "max_views", "max_wrong_attempts", "min_ciphertext_bytes", "min_ttl", "read_receipts"]
    DEFAULT_TTL_FIELD_NUMBER: _ClassVar[int]
    MAX_CIPHERTEXT_BYTES_FIELD_NUMBER: _ClassVar[int]
    MAX_TTL_FIELD_NUMBER: _ClassVar[int]
    MAX_VIEWS_FIELD_NUMBER: _ClassVar[int]
    MAX_WRONG_ATTEMPTS_FIELD_NUMBER: _ClassVar[int]
    MIN_CIPHERTEXT_BYTES_FIELD_NUMBER: _ClassVar[int]
    MIN_TTL_FIELD_NUMBER: _ClassVar[int]
    READ_RECEIPTS_FIELD_NUMBER: _ClassVar[int]
    default_ttl: _duration_pb2.Duration
    max_ciphertext_bytes: int
    max_ttl: _duration_pb2.Duration
    max_views: int
    max_wrong_attempts: int
    min_ciphertext_bytes: int
    min_ttl: _duration_pb2.Duration
    read_receipts: bool
    def __init__(self, max_ciphertext_bytes: _Optional[int] = ..., min_ciphertext_bytes: _Optional[int] = ..., min_ttl: _Optional[_Union[_duration_pb2.Duration, _Mapping]] = ..., max_ttl: _Optional[_Union[_duration_pb2.Duration, _Mapping]] = ..., default_ttl: _Optional[_Union[_duration_pb2.Duration, _Mapping]] = ..., max_views: _Optional[int] = ..., max_wrong_attempts: _Optional[int] = ..., read_receipts: bool = ...) -> None: ...

class RetrieveRequest(_message.Message):
    __slots__ = ["auth_token", "id"]
    AUTH_TOKEN_FIELD_NUMBER: _ClassVar[int]
    ID_FIELD_NUMBER: _ClassVar[int]
    auth_token: bytes
    id: str
    def __init__(self, id: _Optional[str] = ..., auth_token: _Optional[bytes] = ...) -> None: ...

class RetrieveResponse(_message.Message):
    __slots__ = ["ciphertext", "views_left"]
    CIPHERTEXT_FIELD_NUMBER: _ClassVar[int]
    VIEWS_LEFT_FIELD_NUMBER: _ClassVar[int]
    ciphertext: bytes
    views_left: int
    def __init__(self, ciphertext: _Optional[bytes] = ..., views_left: _Optional[int] = ...) -> None: ...

class StoreRequest(_message.Message):
    __slots__ = ["auth_token", "ciphertext", "max_views", "ttl"]
    AUTH_TOKEN_FIELD_NUMBER: _ClassVar[int]
    CIPHERTEXT_FIELD_NUMBER: _ClassVar[int]
    MAX_VIEWS_FIELD_NUMBER: _ClassVar[int]
    TTL_FIELD_NUMBER: _ClassVar[int]
    auth_token: bytes
    ciphertext: bytes
    max_views: int
    ttl: _duration_pb2.Duration
    def __init__(self, ciphertext: _Optional[bytes] = ..., auth_token: _Optional[bytes] = ..., ttl: _Optional[_Union[_duration_pb2.Duration, _Mapping]] = ..., max_views: _Optional[int] = ...) -> None: ...

class StoreResponse(_message.Message):
    __slots__ = ["expires_at", "id"]
    EXPIRES_AT_FIELD_NUMBER: _ClassVar[int]
    ID_FIELD_NUMBER: _ClassVar[int]
    expires_at: _timestamp_pb2.Timestamp
    id: str
    def __init__(self, id: _Optional[str] = ..., expires_at: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class SecretState(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = []
