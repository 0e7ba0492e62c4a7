// The recorded payloads are real baileys shapes: each survives proto.WebMessageInfo.fromObject → toObject
// unchanged (a misspelt or invented field would be dropped) and a binary encode → decode.
import { readdirSync, readFileSync } from "node:fs";
import { proto } from "@whiskeysockets/baileys";
import { describe, expect, it } from "vitest";
import { WHATSAPP_FIXTURES_DIR } from "../../fakes/whatsappSocket.ts";

const names = readdirSync(WHATSAPP_FIXTURES_DIR).filter((f) => f.endsWith(".json"));
/** Key fields baileys 7 adds next to the protobuf key (not part of proto.MessageKey). */
const BAILEYS_KEY_EXTRAS = ["remoteJidAlt", "participantAlt", "addressingMode", "remoteJidUsername", "participantUsername"];

describe("WhatsApp fixtures", () => {
  it("has the shapes the converter is tested on", () => {
    expect(names.length).toBeGreaterThanOrEqual(20);
  });

  it.each(names)("%s round-trips through proto.WebMessageInfo", (name) => {
    const fixture = JSON.parse(readFileSync(new URL(name, WHATSAPP_FIXTURES_DIR), "utf8"));
    const key = Object.fromEntries(Object.entries(fixture.key).filter(([k]) => !BAILEYS_KEY_EXTRAS.includes(k)));
    const plain = { ...fixture, key };
    const options = { longs: Number, bytes: String, enums: String } as const;

    const message = proto.WebMessageInfo.fromObject(plain);
    expect(JSON.parse(JSON.stringify(proto.WebMessageInfo.toObject(message, options)))).toEqual(plain);

    const decoded = proto.WebMessageInfo.decode(proto.WebMessageInfo.encode(message).finish());
    expect(JSON.parse(JSON.stringify(proto.WebMessageInfo.toObject(decoded, options)))).toEqual(plain);
  });
});
