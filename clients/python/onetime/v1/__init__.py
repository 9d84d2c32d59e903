"""Generated code: the protobuf messages and gRPC stub of protos/onetime/v1 (package onetime.v1).

Every other file in this folder is written by ``/usr/bin/python3 clients/python/gen_stubs.py`` and never edited;
tests/test_stubs.py regenerates them and fails on any difference. This file only makes the folder a package.
"""
