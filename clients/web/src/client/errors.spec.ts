import { Code, ConnectError } from "@connectrpc/connect";
import { describe, expect, it } from "vitest";
import { fromConnectError, networkAwareFetch, OneTimeError } from "./errors.js";

describe("fromConnectError", () => {
  it.each([
    [Code.NotFound, "not_found"],
    [Code.Unavailable, "unavailable"],
    [Code.DeadlineExceeded, "unavailable"],
    [Code.InvalidArgument, "rejected"],
    [Code.OutOfRange, "rejected"],
    [Code.ResourceExhausted, "too_large"],
    [Code.Internal, "failed"],
    [Code.Unknown, "failed"],
  ])("maps %s to %s", (code, kind) => {
    expect(fromConnectError(new ConnectError("detail", code)).kind).toBe(kind);
  });

  it("says the same for not found whatever the server wrote", () => {
    const error = fromConnectError(new ConnectError("id abc not in store", Code.NotFound));

    expect(error.message).not.toContain("abc");
  });

  it("passes a OneTimeError through", () => {
    const original = new OneTimeError("invalid_link", "bad");

    expect(fromConnectError(original)).toBe(original);
  });
});

describe("networkAwareFetch", () => {
  it("turns a network failure into UNAVAILABLE", async () => {
    const failing = networkAwareFetch(() => Promise.reject(new TypeError("Failed to fetch")));

    const error = await failing("http://127.0.0.1:9/").catch((e: unknown) => e);

    expect(ConnectError.from(error).code).toBe(Code.Unavailable);
    expect(fromConnectError(error).kind).toBe("unavailable");
  });
});
