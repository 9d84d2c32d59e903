import { create } from "@bufbuild/protobuf";
import { DurationSchema, timestampFromDate } from "@bufbuild/protobuf/wkt";
import { Code, ConnectError, createRouterTransport } from "@connectrpc/connect";
import { describe, expect, it } from "vitest";
import { SecretService, SecretState, type ConfirmReadRequest, type StoreRequest } from "../gen/onetime/v1/secrets_pb.js";
import { parseLink } from "./link.js";
import { OneTimeClient } from "./client.js";
import { OneTimeError } from "./errors.js";

const BaseUrl = "https://onetime.example";
const ReadAt = new Date("2026-01-02T03:04:05Z");
const ExpiresAt = new Date("2026-01-09T03:04:05Z");

interface Entry {
  blob: Uint8Array;
  token: string;
  viewsLeft: number;
  readAt?: Date;
  confirmation?: Uint8Array;
}

/** A server in memory that keeps to the contract's rules for views, receipts and Burn: enough to test the mapping. */
function fakeServer(options: { confirmations?: boolean } = {}) {
  const entries = new Map<string, Entry>();
  const stored: StoreRequest[] = [];
  const confirmed: ConfirmReadRequest[] = [];
  const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  const find = (id: string, token: Uint8Array) => {
    const entry = entries.get(id);
    return entry && entry.token === hex(token) ? entry : undefined;
  };
  const notFound = () => new ConnectError("not found", Code.NotFound);
  const transport = createRouterTransport(({ service }) => {
    service(SecretService, {
      store(request) {
        stored.push(request);
        const id = `id${entries.size}`.padEnd(22, "A");
        entries.set(id, { blob: request.ciphertext, token: hex(request.authToken), viewsLeft: request.maxViews || 1 });
        return { id, expiresAt: timestampFromDate(ExpiresAt) };
      },
      retrieve(request) {
        const entry = find(request.id, request.authToken);
        if (!entry || entry.viewsLeft === 0) throw notFound();
        entry.viewsLeft--;
        entry.readAt = ReadAt;
        return { ciphertext: entry.blob, viewsLeft: entry.viewsLeft };
      },
      exists(request) {
        const entry = find(request.id, request.authToken);
        if (!entry) return {};
        const state = entry.viewsLeft > 0 ? SecretState.WAITING : SecretState.READ;
        return {
          exists: state === SecretState.WAITING,
          state,
          viewsLeft: entry.viewsLeft,
          expiresAt: timestampFromDate(ExpiresAt),
          readAt: entry.readAt && timestampFromDate(entry.readAt),
          readConfirmation: state === SecretState.READ ? entry.confirmation : undefined,
        };
      },
      confirmRead(request) {
        // An older server has no such call: the client must read on all the same.
        if (options.confirmations === false) throw new ConnectError("no such method", Code.Unimplemented);
        const entry = find(request.id, request.authToken);
        if (!entry) throw notFound();
        if (entry.viewsLeft > 0) throw new ConnectError("views left", Code.FailedPrecondition);
        if (entry.confirmation) throw new ConnectError("already", Code.AlreadyExists);
        confirmed.push(request);
        entry.confirmation = request.confirmation;
        return {};
      },
      burn(request) {
        if (!find(request.id, request.authToken)) throw notFound();
        entries.delete(request.id);
        return {};
      },
      getLimits() {
        return {
          maxCiphertextBytes: 65_536 + 29,
          minCiphertextBytes: 285,
          minTtl: create(DurationSchema, { seconds: 60n }),
          maxTtl: create(DurationSchema, { seconds: 86_400n }),
          defaultTtl: create(DurationSchema, { seconds: 3_600n }),
          maxViews: 10,
          maxWrongAttempts: 5,
          readReceipts: true,
        };
      },
    });
  });
  const forge = (id: string, confirmation: Uint8Array) => (entries.get(id)!.confirmation = confirmation);
  return { client: new OneTimeClient({ baseUrl: BaseUrl, transport }), stored, confirmed, forge };
}

describe("OneTimeClient", () => {
  it("sends max_views and counts the views down as it reads", async () => {
    const { client, stored } = fakeServer();

    const { link } = await client.send({ kind: "text", text: "shared with two" }, { views: 2 });
    const first = await client.read(link);
    const second = await client.read(link);

    expect(stored[0].maxViews).toBe(2);
    expect(first).toEqual({ kind: "text", text: "shared with two", viewsLeft: 1 });
    expect(second.senderTold).toBe(true);
    expect(second.viewsLeft).toBe(0);
    await expect(client.read(link)).rejects.toMatchObject({ kind: "not_found" });
  });

  it("sends one view by default", async () => {
    const { client, stored } = fakeServer();

    await client.send({ kind: "text", text: "once" });

    expect(stored[0].maxViews).toBe(1);
  });

  it.each([0, -1, 1.5, Number.NaN])("refuses %s views before encrypting or sending anything", async (views) => {
    const { client, stored } = fakeServer();

    await expect(client.send({ kind: "text", text: "x" }, { views })).rejects.toBeInstanceOf(OneTimeError);
    expect(stored).toHaveLength(0);
  });

  it("reports waiting with views left, then read with the time of the last read", async () => {
    const { client } = fakeServer();
    const { link } = await client.send({ kind: "text", text: "s" }, { views: 2 });

    const before = await client.exists(link);
    await client.read(link);
    const between = await client.exists(link);
    await client.read(link);
    const after = await client.exists(link);

    expect(before).toEqual({ exists: true, state: "waiting", viewsLeft: 2, expiresAt: ExpiresAt, readAt: undefined });
    expect(between).toMatchObject({ state: "waiting", viewsLeft: 1, readAt: ReadAt });
    expect(after).toEqual({ exists: false, state: "read", viewsLeft: 0, expiresAt: ExpiresAt, readAt: ReadAt, confirmation: "confirmed" });
  });

  it("reports gone for a secret the server does not know", async () => {
    const { client } = fakeServer();

    const status = await client.exists(`${BaseUrl}/s#1.AAECAwQFBgcICQoLDA0ODw.AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8`);

    expect(status).toEqual({ exists: false, state: "gone", viewsLeft: 0, expiresAt: undefined, readAt: undefined });
  });

  it("reads a server older than views and receipts: exists alone means waiting with one view", async () => {
    const transport = createRouterTransport(({ service }) => {
      service(SecretService, { exists: () => ({ exists: true, expiresAt: timestampFromDate(ExpiresAt) }) });
    });
    const client = new OneTimeClient({ baseUrl: BaseUrl, transport });

    const status = await client.exists(`${BaseUrl}/s#1.AAECAwQFBgcICQoLDA0ODw.AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8`);

    expect(status).toEqual({ exists: true, state: "waiting", viewsLeft: 1, expiresAt: ExpiresAt, readAt: undefined });
  });

  it("burns with the Burn call, whatever views are left, and says false the second time", async () => {
    const { client } = fakeServer();
    const { link } = await client.send({ kind: "text", text: "wrong person" }, { views: 5 });

    expect(await client.burn(link)).toBe(true);
    expect(await client.burn(link)).toBe(false);
    expect((await client.exists(link)).state).toBe("gone");
  });

  it("burns nothing with a wrong passphrase", async () => {
    const { client } = fakeServer();
    const { link } = await client.send({ kind: "text", text: "s" }, { passphrase: "right horse" });

    expect(await client.burn(link, "wrong horse")).toBe(false);
    expect((await client.exists(link, "right horse")).state).toBe("waiting");
  });

  it("gives the server's limits in seconds, with the largest payload the blob limit allows", async () => {
    const { client } = fakeServer();

    expect(await client.getLimits()).toEqual({
      maxCiphertextBytes: 65_565,
      minCiphertextBytes: 285,
      maxPayloadBytes: 65_532,
      minTtlSeconds: 60,
      maxTtlSeconds: 86_400,
      defaultTtlSeconds: 3_600,
      maxViews: 10,
      maxWrongAttempts: 5,
      readReceipts: true,
    });
  });

  describe("read confirmations", () => {
    it("confirms the last view only, with the note, and the sender sees it confirmed", async () => {
      const { client, confirmed } = fakeServer();
      const { link } = await client.send({ kind: "text", text: "s" }, { views: 2, passphrase: "horse" });

      const first = await client.read(link, "horse", { note: "not yet" });
      const last = await client.read(link, "horse", { note: "got it, rotating now" });
      const status = await client.status(link, "horse");

      expect(first.senderTold).toBeUndefined();
      expect(last.senderTold).toBe(true);
      expect(confirmed).toHaveLength(1);
      expect(confirmed[0].confirmation.length).toBe(285);
      expect(status).toMatchObject({ state: "read", confirmation: "confirmed", note: "got it, rotating now" });
    });

    it("reads from a server without ConfirmRead, says the sender was not told, and the sender sees unconfirmed", async () => {
      const { client } = fakeServer({ confirmations: false });
      const { link } = await client.send({ kind: "text", text: "still read" });

      const secret = await client.read(link, undefined, { note: "hello" });

      expect(secret).toMatchObject({ kind: "text", text: "still read", viewsLeft: 0, senderTold: false });
      const status = await client.status(link);
      expect(status).toMatchObject({ state: "read", confirmation: "unconfirmed" });
      expect(status.note).toBeUndefined();
    });

    it("shows a confirmation that does not open as invalid, without its note", async () => {
      const { client, forge } = fakeServer({ confirmations: false });
      const { link } = await client.send({ kind: "text", text: "s" });
      await client.read(link);

      forge(parseLink(link)!.id, Uint8Array.of(0x01, ...new Uint8Array(284).fill(9)));

      const status = await client.status(link);
      expect(status).toMatchObject({ state: "read", confirmation: "invalid" });
      expect(status.note).toBeUndefined();
    });

    it("refuses a note over 200 bytes before taking the view", async () => {
      const { client } = fakeServer();
      const { link } = await client.send({ kind: "text", text: "s" });

      await expect(client.read(link, undefined, { note: "x".repeat(201) })).rejects.toMatchObject({ kind: "rejected" });
      expect((await client.status(link)).state).toBe("waiting");
    });

    it("confirms nothing when told not to (a reply link)", async () => {
      const { client, confirmed } = fakeServer();
      const { link } = await client.send({ kind: "text", text: "s" });

      const secret = await client.read(link, undefined, { confirm: false });

      expect(secret.senderTold).toBeUndefined();
      expect(confirmed).toHaveLength(0);
      expect((await client.status(link)).confirmation).toBe("unconfirmed");
    });
  });
});
