// Telegram updates for fuzzing the converter: well-formed shapes of every kind the Bot API sends (messages
// with text, captions, entities, photos, documents, voice, audio, video, stickers, replies; callback queries;
// edits; channel posts; group chats; member updates), and the same shapes with fields replaced or removed.
import fc from "fast-check";
import { hostileJson, nastyString } from "./hostileText.ts";

type Json = Record<string, unknown>;

const fileId = fc.stringMatching(/^[A-Za-z0-9_-]{8,90}$/);
const fileSize = fc.option(fc.integer({ min: 0, max: 2_000_000_000 }), { nil: undefined });
const mimeType = fc.option(fc.constantFrom("application/pdf", "image/jpeg", "audio/ogg", "video/mp4", "", "x/\u0000", "text/html; charset=utf-8"), {
  nil: undefined,
});
const languageCode = fc.option(fc.oneof(fc.constantFrom("id", "en", "en-US", "ms", "", "xx-😀"), nastyString), { nil: undefined });

export const telegramUser = fc.record(
  {
    id: fc.oneof(fc.integer({ min: 1, max: 2 ** 31 }), fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER })),
    is_bot: fc.oneof({ weight: 6, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
    first_name: nastyString,
    last_name: fc.option(nastyString, { nil: undefined }),
    username: fc.option(fc.stringMatching(/^[A-Za-z][A-Za-z0-9_]{4,31}$/), { nil: undefined }),
    language_code: languageCode,
  },
  { requiredKeys: ["id", "is_bot", "first_name"] },
);

const entity = fc.record(
  {
    type: fc.constantFrom("bot_command", "bold", "italic", "url", "mention", "text_link", "spoiler", "custom_emoji", "blockquote"),
    offset: fc.integer({ min: 0, max: 200 }),
    length: fc.integer({ min: 0, max: 200 }),
    url: fc.option(fc.webUrl(), { nil: undefined }),
  },
  { requiredKeys: ["type", "offset", "length"] },
);

const photoSize = fc.record(
  { file_id: fileId, file_unique_id: fileId, width: fc.nat(5000), height: fc.nat(5000), file_size: fileSize },
  { requiredKeys: ["file_id", "file_unique_id", "width", "height"] },
);
const document = fc.record(
  { file_id: fileId, file_unique_id: fileId, file_name: fc.option(nastyString, { nil: undefined }), mime_type: mimeType, file_size: fileSize },
  { requiredKeys: ["file_id", "file_unique_id"] },
);
const voice = fc.record(
  { file_id: fileId, file_unique_id: fileId, duration: fc.nat(10_000), mime_type: mimeType, file_size: fileSize },
  { requiredKeys: ["file_id", "file_unique_id", "duration"] },
);
const media = fc.record(
  {
    file_id: fileId,
    file_unique_id: fileId,
    duration: fc.nat(10_000),
    width: fc.nat(4000),
    height: fc.nat(4000),
    file_name: fc.option(nastyString, { nil: undefined }),
    mime_type: mimeType,
    file_size: fileSize,
  },
  { requiredKeys: ["file_id", "file_unique_id", "duration"] },
);

type ChatKind = "private" | "group" | "supergroup" | "channel";

/** A chat of a kind; a private chat's id is its user's id (as Telegram does). */
function chatFor(kind: ChatKind, user: Json): fc.Arbitrary<Json> {
  if (kind === "private") return fc.constant({ id: user.id, type: "private", first_name: user.first_name });
  return fc.record({
    id: fc.integer({ min: -(10 ** 13), max: -1 }),
    type: fc.constant(kind),
    title: nastyString,
  });
}

/** What a message carries besides its envelope: text, or a caption with a file, or something else. */
const content: fc.Arbitrary<Json> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({ text: nastyString, entities: fc.option(fc.array(entity, { maxLength: 4 }), { nil: undefined }) }, { requiredKeys: ["text"] }),
  },
  {
    weight: 2,
    arbitrary: fc.record(
      {
        photo: fc.array(photoSize, { minLength: 1, maxLength: 4 }),
        caption: fc.option(nastyString, { nil: undefined }),
        caption_entities: fc.option(fc.array(entity, { maxLength: 3 }), { nil: undefined }),
      },
      { requiredKeys: ["photo"] },
    ),
  },
  { weight: 2, arbitrary: fc.record({ document, caption: fc.option(nastyString, { nil: undefined }) }, { requiredKeys: ["document"] }) },
  { weight: 1, arbitrary: fc.record({ voice, caption: fc.option(nastyString, { nil: undefined }) }, { requiredKeys: ["voice"] }) },
  { weight: 1, arbitrary: fc.record({ audio: media, caption: fc.option(nastyString, { nil: undefined }) }, { requiredKeys: ["audio"] }) },
  { weight: 1, arbitrary: fc.record({ video: media, caption: fc.option(nastyString, { nil: undefined }) }, { requiredKeys: ["video"] }) },
  {
    weight: 1,
    arbitrary: fc.record({
      sticker: fc.record({
        file_id: fileId,
        file_unique_id: fileId,
        type: fc.constant("regular"),
        width: fc.nat(512),
        height: fc.nat(512),
        is_animated: fc.boolean(),
        is_video: fc.boolean(),
        emoji: fc.option(nastyString, { nil: undefined }),
      }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      location: fc.record({ latitude: fc.double({ min: -90, max: 90, noNaN: true }), longitude: fc.double({ min: -180, max: 180, noNaN: true }) }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ contact: fc.record({ phone_number: fc.stringMatching(/^\+?\d{6,15}$/), first_name: nastyString }) }) },
  { weight: 1, arbitrary: fc.record({ new_chat_members: fc.array(telegramUser, { maxLength: 2 }) }) },
);

/** A message in a chat of some kind, from a user (or, rarely, without `from`, as channel posts are). */
export function telegramMessage(
  kinds: fc.Arbitrary<ChatKind> = fc.constantFrom("private", "private", "private", "group", "supergroup", "channel"),
): fc.Arbitrary<Json> {
  return fc
    .record({ kind: kinds, user: telegramUser, withFrom: fc.oneof({ weight: 9, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }) })
    .chain(({ kind, user, withFrom }) =>
      fc.record(
        {
          message_id: fc.integer({ min: 1, max: 2 ** 31 }),
          date: fc.integer({ min: 0, max: 2 ** 32 }),
          chat: chatFor(kind, user),
          from: withFrom ? fc.constant(user) : fc.constant(undefined),
          content,
          reply_to_message: fc.option(
            fc.record(
              { message_id: fc.integer({ min: 1, max: 2 ** 31 }), date: fc.nat(), chat: chatFor(kind, user), text: fc.option(nastyString, { nil: undefined }) },
              { requiredKeys: ["message_id", "date", "chat"] },
            ),
            { nil: undefined },
          ),
          forward_origin: fc.option(fc.record({ type: fc.constant("hidden_user"), date: fc.nat(), sender_user_name: nastyString }), { nil: undefined }),
          message_thread_id: fc.option(fc.nat(), { nil: undefined }),
        },
        { requiredKeys: ["message_id", "date", "chat", "content"] },
      ),
    )
    .map(({ content: c, ...envelope }) => dropUndefined({ ...envelope, ...c }));
}

const callbackQuery = fc
  .record({ user: telegramUser, private: fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }) })
  .chain(({ user, private: isPrivate }) =>
    fc.record(
      {
        id: fc.stringMatching(/^\d{5,20}$/),
        from: fc.constant(user),
        chat_instance: fc.stringMatching(/^-?\d{5,20}$/),
        data: fc.oneof(fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/), nastyString),
        game_short_name: fc.option(nastyString, { nil: undefined }),
        message: fc.option(
          fc.oneof(
            telegramMessage(fc.constant(isPrivate ? "private" : "group")),
            // An inaccessible message: only chat, id and date 0.
            fc.record({ message_id: fc.nat(), date: fc.constant(0), chat: chatFor(isPrivate ? "private" : "supergroup", user) }),
          ),
          { nil: undefined },
        ),
        inline_message_id: fc.option(nastyString, { nil: undefined }),
      },
      { requiredKeys: ["id", "from", "chat_instance"] },
    ),
  )
  .map(dropUndefined);

/** A well-formed update of any kind the Bot API sends. */
export const telegramUpdate: fc.Arbitrary<Json> = fc
  .record({
    update_id: fc.integer({ min: 0, max: 2 ** 31 }),
    body: fc.oneof(
      { weight: 8, arbitrary: telegramMessage().map((message) => ({ message })) },
      { weight: 4, arbitrary: callbackQuery.map((callback_query) => ({ callback_query })) },
      { weight: 1, arbitrary: telegramMessage().map((edited_message) => ({ edited_message: { ...edited_message, edit_date: 1 } })) },
      { weight: 1, arbitrary: telegramMessage(fc.constant("channel")).map((channel_post) => ({ channel_post })) },
      { weight: 1, arbitrary: telegramMessage(fc.constant("channel")).map((edited_channel_post) => ({ edited_channel_post })) },
      {
        weight: 1,
        arbitrary: fc
          .record({
            chat: chatFor("private", { id: 1, first_name: "A" }),
            from: telegramUser,
            date: fc.nat(),
            old_chat_member: fc.constant({ status: "member" }),
            new_chat_member: fc.constant({ status: "kicked" }),
          })
          .map((my_chat_member) => ({ my_chat_member })),
      },
      {
        weight: 1,
        arbitrary: fc.record({ id: fc.string(), from: telegramUser, query: nastyString, offset: fc.string() }).map((inline_query) => ({ inline_query })),
      },
    ),
  })
  .map(({ update_id, body }) => ({ update_id, ...body }));

/** Every path (list of keys) in a JSON-ish value, the root excluded. */
export function pathsOf(value: unknown, prefix: string[] = []): string[][] {
  if (value === null || typeof value !== "object") return [];
  return Object.keys(value).flatMap((key) => [[...prefix, key], ...pathsOf((value as Json)[key], [...prefix, key])]);
}

/** A copy of `value` with the value at `path` replaced (or removed when `replacement` is the DELETE marker). */
export function withValueAt(value: unknown, path: string[], replacement: unknown): unknown {
  const copy = structuredClone(value) as Json;
  let node: Json = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Json;
  const last = path.at(-1)!;
  if (replacement === DELETE) delete node[last];
  else Object.defineProperty(node, last, { value: replacement, enumerable: true, writable: true, configurable: true });
  return copy;
}

export const DELETE = Symbol("delete");

/** A well-formed update with one to three of its fields replaced by hostile values or removed. */
export const mutatedTelegramUpdate: fc.Arbitrary<unknown> = fc
  .tuple(
    telegramUpdate,
    fc.array(fc.tuple(fc.nat(), fc.oneof({ weight: 4, arbitrary: hostileJson }, { weight: 1, arbitrary: fc.constant(DELETE as unknown) })), {
      minLength: 1,
      maxLength: 3,
    }),
  )
  .map(([update, mutations]) => {
    let result: unknown = update;
    for (const [index, replacement] of mutations) {
      const paths = pathsOf(result);
      if (paths.length === 0) break;
      result = withValueAt(result, paths[index % paths.length]!, replacement);
    }
    return result;
  });

function dropUndefined<T extends Json>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
