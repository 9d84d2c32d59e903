// A reply link (/s#1r.…) on the reveal page: it opens with the key this browser kept when it made the request, and
// nowhere else. Without the key the page says so and calls nothing: the server could only answer "not found".
import type { ParsedFragment } from "../client/link.js";
import { isReplyFragment, parseReplyFragment } from "../client/request.js";
import { IndexedDbRequestKeyStore } from "../client/request-keys.js";
import { SecretRequests } from "../client/requests.js";
import { t } from "./i18n/translate.js";
import type { Message } from "./messages.js";

export { isReplyFragment };

/** A reply opened with the kept key: what the requester asked for, shown above it. */
export type OpenedReply = ParsedFragment & { askedFor: string };

/** The reply as an ordinary fragment (its key K derived from the kept d), "not_here", or undefined when invalid. */
export async function openReply(fragment: string, baseUrl: string): Promise<OpenedReply | "not_here" | undefined> {
  const reply = await parseReplyFragment(fragment, baseUrl);
  if (!reply) return undefined;
  const requests = new SecretRequests({ keys: new IndexedDbRequestKeyStore() });
  let link;
  try {
    link = await requests.openingLink(reply);
  } catch {
    return "not_here"; // no IndexedDB here (a private mode may refuse it): this browser cannot hold the key either
  }
  return link ? { id: link.id, key: link.key, passphraseRequired: false, askedFor: link.note } : "not_here";
}

export const replyNotHere = (): Message => ({ icon: "lock", title: t("replyNotHereTitle"), body: t("replyNotHereBody") });
