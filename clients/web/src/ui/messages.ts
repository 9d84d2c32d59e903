import { ConnectError } from "@connectrpc/connect";
import type { OneTimeError } from "../client/errors.js";
import type { MessageKey } from "./i18n/en.js";
import { t } from "./i18n/translate.js";
import type { IconName } from "./icons.js";

export interface Message {
  icon: IconName;
  title: string;
  body: string;
}

const message = (icon: IconName, title: MessageKey, body: MessageKey, values?: Record<string, string>): Message =>
  ({ icon, title: t(title), body: t(body, values) });

/**
 * UNAVAILABLE comes two ways: no answer at all (the network, or the server is down: the reader's connection is the
 * thing to check), or an answer saying the store behind the server is down (nothing the reader can fix; the secret
 * is untouched). The client's fetch reports the first as a TypeError under the status (errors.ts, networkAwareFetch).
 */
export function isNetworkFailure(error: OneTimeError): boolean {
  for (let cause: unknown = error.cause; cause; cause = (cause as { cause?: unknown }).cause) {
    if (cause instanceof TypeError) return true;
  }
  return false;
}

/** The one place an error becomes words on the page. */
export function messageFor(error: OneTimeError): Message {
  switch (error.kind) {
    case "not_found":
      return message("gone", "goneTitle", "goneBody");
    case "unavailable":
      return isNetworkFailure(error) ? message("cloud", "unreachableTitle", "unreachableBody") : message("cloud", "unavailableTitle", "unavailableBody");
    case "invalid_link":
      return message("warn", "invalidLinkTitle", "invalidLinkBody");
    case "corrupted":
      return message("warn", "corruptedTitle", "corruptedBody");
    case "too_large":
      return message("warn", "tooLargeTitle", "tooLargeBody");
    case "rejected":
      // The server's own words for what it refused (a TTL or size out of range), in its language.
      return message("warn", "rejectedTitle", "rejectedBody", { detail: error.cause instanceof ConnectError ? error.cause.rawMessage : error.message });
    default:
      return message("warn", "failedTitle", "failedBody");
  }
}

/** What the create page says under the form when sending failed: the secret is still in the form. */
export function sendFailure(error: OneTimeError): string {
  if (error.kind === "unavailable") return t(isNetworkFailure(error) ? "createUnreachable" : "createUnavailable");
  return messageFor(error).body;
}

export const alreadyRead = (): Message => message("gone", "alreadyReadTitle", "alreadyReadBody");
export const shownHere = (): Message => message("link", "shownTitle", "shownBody");
export const openAgain = (): Message => message("link", "reopenTitle", "reopenBody");
