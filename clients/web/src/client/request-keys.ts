// Where a requester's private keys wait for replies (protos/README.md, "Keeping the private key"). The library takes
// any RequestKeyStore; browsers use IndexedDbRequestKeyStore, where the structured clone keeps a CryptoKey
// non-extractable, so not even this page's own script can read d out of it.

/** A pending request's private key d with what the requester's pages show about it. */
export interface RequestKey {
  keyId: string;
  /** d: a non-extractable ECDH P-256 key. */
  privateKey: CryptoKey;
  /** R, 65 bytes. */
  requesterKey: Uint8Array;
  note: string;
  baseUrl: string;
  createdAt: Date;
}

export interface RequestKeyStore {
  put(key: RequestKey): Promise<void>;
  get(keyId: string): Promise<RequestKey | undefined>;
  delete(keyId: string): Promise<void>;
  list(): Promise<RequestKey[]>;
}

/** 30 days, the longest a reply can wait on the server: a key is kept that long, so one request takes several replies. */
export const RequestKeyLifetimeMs = 30 * 86_400_000;

/** Deletes the keys made more than 30 days before now; clients call it whenever they touch the store. */
export async function pruneRequestKeys(store: RequestKeyStore, now = new Date()): Promise<void> {
  for (const key of await store.list()) {
    if (now.getTime() - key.createdAt.getTime() > RequestKeyLifetimeMs) await store.delete(key.keyId);
  }
}

/** Keys kept in memory only: for tests, and for callers that keep keys their own way. */
export class MemoryRequestKeyStore implements RequestKeyStore {
  private readonly keys = new Map<string, RequestKey>();

  async put(key: RequestKey): Promise<void> {
    this.keys.set(key.keyId, key);
  }

  async get(keyId: string): Promise<RequestKey | undefined> {
    return this.keys.get(keyId);
  }

  async delete(keyId: string): Promise<void> {
    this.keys.delete(keyId);
  }

  async list(): Promise<RequestKey[]> {
    return [...this.keys.values()];
  }
}

const DatabaseVersion = 1;

/** Keys in this origin's IndexedDB (default database "onetime", object store "request-keys"), keyed by key_id. */
export class IndexedDbRequestKeyStore implements RequestKeyStore {
  private database?: Promise<IDBDatabase>;

  constructor(
    private readonly databaseName = "onetime",
    private readonly storeName = "request-keys",
  ) {}

  put(key: RequestKey): Promise<void> {
    return this.run("readwrite", (store) => store.put({ ...key, createdAt: key.createdAt.getTime() })).then(() => undefined);
  }

  async get(keyId: string): Promise<RequestKey | undefined> {
    const record = await this.run<StoredKey | undefined>("readonly", (store) => store.get(keyId));
    return record && fromRecord(record);
  }

  delete(keyId: string): Promise<void> {
    return this.run("readwrite", (store) => store.delete(keyId)).then(() => undefined);
  }

  async list(): Promise<RequestKey[]> {
    return (await this.run<StoredKey[]>("readonly", (store) => store.getAll())).map(fromRecord);
  }

  private open(): Promise<IDBDatabase> {
    this.database ??= new Promise((resolve, reject) => {
      const request = indexedDB.open(this.databaseName, DatabaseVersion);
      request.onupgradeneeded = () => request.result.createObjectStore(this.storeName, { keyPath: "keyId" });
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    return this.database;
  }

  private async run<T>(mode: IDBTransactionMode, action: (store: IDBObjectStore) => IDBRequest): Promise<T> {
    const database = await this.open();
    return new Promise<T>((resolve, reject) => {
      const transaction = database.transaction(this.storeName, mode);
      const request = action(transaction.objectStore(this.storeName));
      // Resolved when the transaction commits, not when the request succeeds: a put is durable once this returns.
      transaction.oncomplete = () => resolve(request.result as T);
      transaction.onerror = () => reject(transaction.error);
      transaction.onabort = () => reject(transaction.error);
    });
  }
}

type StoredKey = Omit<RequestKey, "createdAt"> & { createdAt: number };

const fromRecord = (record: StoredKey): RequestKey => ({ ...record, createdAt: new Date(record.createdAt) });
