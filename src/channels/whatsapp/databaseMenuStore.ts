// WhatsApp's numbered menus (the ChatMenu table): the channel defines the MenuStore port, this keeps it in the database.
import type { Prisma } from "../../store/database.ts";
import type { ChatMenu, MenuStore } from "./choiceMenu.ts";

const MENUS_KEPT_PER_CHAT = 20;

/** Menus per chat in the ChatMenu table; older entries beyond the last 20 are pruned as new ones come. */
export function databaseMenuStore(prisma: Prisma, channel = "whatsapp"): MenuStore {
  const toMenu = (row: { address: string; platformId: string; buttonsJson: string; createdAt: Date }): ChatMenu => ({
    address: row.address,
    platformId: row.platformId,
    options: JSON.parse(row.buttonsJson) as ChatMenu["options"],
    sentAt: row.createdAt,
  });
  return {
    async remember(menu) {
      await prisma.chatMenu.create({
        data: { channel, address: menu.address, platformId: menu.platformId, buttonsJson: JSON.stringify(menu.options), createdAt: menu.sentAt },
      });
      const old = await prisma.chatMenu.findMany({
        where: { channel, address: menu.address },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        skip: MENUS_KEPT_PER_CHAT,
        select: { id: true },
      });
      if (old.length) await prisma.chatMenu.deleteMany({ where: { id: { in: old.map((o) => o.id) } } });
    },
    async latest(address) {
      const row = await prisma.chatMenu.findFirst({ where: { channel, address }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
      return row ? toMenu(row) : undefined;
    },
    async find(address, platformId) {
      const row = await prisma.chatMenu.findFirst({ where: { channel, address, platformId }, orderBy: { createdAt: "desc" } });
      return row ? toMenu(row) : undefined;
    },
  };
}
