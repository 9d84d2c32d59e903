import type { OneTimeError } from "../client/errors.js";
import type { IconName } from "./icons.js";

export interface Message {
  icon: IconName;
  title: string;
  body: string;
}

/** The one place an error becomes words on the page. */
export function messageFor(error: OneTimeError): Message {
  switch (error.kind) {
    case "not_found":
      return { icon: "gone", title: "This secret is gone", body: "It was already read, it expired, or the link is wrong. Secrets can be read only once — ask the sender for a new link." };
    case "unavailable":
      return { icon: "cloud", title: "Can’t reach OneTime", body: "The service did not answer. Check your connection and try again; the secret is still safe." };
    case "invalid_link":
      return { icon: "warn", title: "This link is incomplete", body: "It looks cut short or changed. Ask the sender to copy the whole link again." };
    case "corrupted":
      return { icon: "warn", title: "This secret can’t be decrypted", body: "The link was changed or damaged on the way, so the secret cannot be opened. Ask the sender to share it again." };
    case "too_large":
      return { icon: "warn", title: "Too large", body: "The secret is too large, or the service is full right now." };
    case "rejected":
      return { icon: "warn", title: "Not accepted", body: `The service did not accept this: ${error.message}` };
    default:
      return { icon: "warn", title: "Something went wrong", body: "The request failed. Please try again." };
  }
}

export const alreadyRead: Message = {
  icon: "gone",
  title: "This secret was already read",
  body: "It was revealed on this page and deleted from the server. It cannot be shown again.",
};
