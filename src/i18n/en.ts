// English: the second locale. Mirrors id.ts key for key (the type makes a missing key a compile error).
import type { Messages } from "./id.ts";

export const en: Messages = {
  outcome: { done: "Done", approve: "Approve", revise: "Ask for revision", refuse: "Refuse" },
  stepTask: (p) =>
    [
      `Case #${p.caseNo} — ${p.flowTitle}`,
      p.returned ? `↩ RETURNED by ${p.returned.by} for changes.` : "",
      `Step ${p.stepNo}: ${p.activity}`,
      p.note ? `Note from the previous step: ${p.note}` : "",
      p.returned?.previousText ? `Your text last time (copy it, change it, send it again):\n${p.returned.previousText}` : "",
      p.inputs.length ? `Inputs: ${p.inputs.join("; ")}` : "",
      `Time standard: ${p.standard} · deadline: ${p.deadline}`,
    ]
      .filter(Boolean)
      .join("\n"),
  clientStepStarted: (p) => `Case #${p.caseNo}: in progress — ${p.activity} (standard ${p.standard}, by ${p.deadline}).`,
  clientCounsellor: (p) => `Your counsellor: ${p.name}. What you write here goes to them.`,
  stepCopy: (p) =>
    [
      `Copy (tembusan) — Case #${p.caseNo} — ${p.flowTitle}`,
      `Step ${p.stepNo}: ${p.activity} (by ${p.by})`,
      p.text ? `Content:\n${p.text}` : "",
      "For your information; nothing is asked of you.",
    ]
      .filter(Boolean)
      .join("\n"),
  clientArchived: (p) => `Case #${p.caseNo} is complete and archived. Thank you.`,
  clientCancelled: (p) => `Case #${p.caseNo} was cancelled.`,
  escalation: (p) => `Warning: case #${p.caseNo}, step ${p.stepNo} (${p.activity}) by ${p.role} passed its deadline ${p.deadline}. Please follow up.`,
  bookSession: (p) => `Case #${p.caseNo}: schedule a counselling session (Google Meet) within the counsellor's working hours.`,

  buttons: {
    agree: "I agree",
    disagree: "I do not agree",
    skip: "Skip",
    done: "Done",
    send: "Send",
    change: "Change",
    back: "Back",
    cancel: "Cancel",
    newIntake: "New registration",
    withNote: (p) => `${p.label} + note`,
  },

  intake: {
    welcome: (p) =>
      `Welcome to the online counselling service of ${p.org}.\n` +
      `This conversation is confidential. Send /batal to stop at any time, /bahasa for Bahasa Indonesia.`,
    consent:
      "Before we start, we ask for your consent.\n\n" +
      "• What is recorded: your biodata, your complaint, the messages between you and the counsellor, and session times.\n" +
      "• Why: so that a counsellor can handle your complaint following the unit's SOP.\n" +
      "• Who sees it: the counsellor handling you and the unit staff who process the case under the SOP; the " +
      "leadership only receives reports. Nothing is given to anyone else without your permission, except to save a " +
      "life in an emergency.\n" +
      "• Storage: encrypted, and deleted when the retention period ends.\n" +
      "• Withdrawing: send /hapus at any time; your data is erased once the request is confirmed.\n\n" +
      "Do you agree?",
    consentAskAgain: "Please choose I agree or I do not agree.",
    consentRefused: (p) =>
      `That is fine. We keep none of your data. If you change your mind, send /start.\n` + `If you are in an emergency, call ${p.hotline} or 112.`,
    kindPrompt: "You are registering as:",
    kindField: "Client type",
    kindLabels: { praja: "Praja (cadet)", pegawai: "Pegawai (employee)", klien: "Client" },
    kindAskAgain: "Please choose one of the buttons below.",
    keluhanPrompt: "Tell us the complaint or problem you want to discuss. Several messages are fine.\nPress Done when finished.",
    keluhanPromptStaff: "Write the complaint or why the client needs counselling. Press Done when finished.",
    keluhanMore: (p) => `Noted (${p.parts} message${p.parts === 1 ? "" : "s"}). Add more, or press Done.`,
    keluhanEmpty: "You have not described your complaint yet. Please write it first.",
    keluhanTooLong: (p) => `The complaint is too long (at most ${p.max} characters). Please shorten it, then press Done.`,
    summary: (p) =>
      `${p.staff ? "Please check the client's details" : "Please check your details"}:\n\n${p.lines.join("\n")}\n\nComplaint:\n${p.keluhan}\n\nSend this registration?`,
    notGiven: "(not given)",
    editPick: "Which part do you want to change?",
    keluhanLabel: "Complaint",
    cancelled: "Registration cancelled. Nothing you entered was kept. Send /start to begin again.",
    nothingToCancel: "There is no registration in progress.",
    resume: "Continuing your registration:",
    opened: (p) =>
      `Thank you. Your registration was received as case #${p.caseNo}.\n\n` +
      `Next: ${p.activity} — by ${p.role}, time standard ${p.standard} (by ${p.deadline}).\n\n` +
      `The counsellor will answer you in this chat. Messages you send here are passed on to the counsellor. ` +
      `Send /status to see progress.`,
    linked: (p) =>
      `Thank you. This chat is now linked to case #${p.caseNo}.\n\n` +
      `Now: ${p.activity} — by ${p.role} (due ${p.deadline}).\n\n` +
      `The counsellor will answer you here. Send /status to see progress.`,
    noFlow: "Sorry, this service cannot take registrations yet. Please contact the unit directly.",
    tooLong: (p) => `The message is too long (at most ${p.max} characters). Please shorten it.`,
    languageSwitched: "Language: English.",
  },

  fields: {
    nama: { label: "Name", staffPrompt: "The client's full name?", prompt: "What is your full name?", error: "A name is 2–100 letters. Please try again." },
    npp: {
      label: "NPP",
      staffPrompt: "The praja's NPP? Example: 31.0456",
      prompt: "What is your cadet number (NPP)? Example: 31.0456",
      error: "That NPP was not recognised. Write it in digits, e.g. 31.0456",
    },
    tingkat: { label: "Year", staffPrompt: "The praja's year (tingkat)?", prompt: "Which year (tingkat) are you in?", error: "Choose year I, II, III or IV." },
    kelas: {
      label: "Class/Dormitory",
      staffPrompt: "The praja's class or dormitory?",
      prompt: "What is your class or dormitory (wisma)?",
      error: "Write your class or dormitory (at most 60 characters).",
    },
    kampus: {
      label: "Campus",
      staffPrompt: "The praja's campus?",
      prompt: "Which campus are you at?",
      error: "Choose a campus from the buttons or type its name.",
    },
    nip: {
      label: "NIP",
      staffPrompt: "The employee's NIP? (18 digits)",
      prompt: "What is your employee number (NIP)? (18 digits)",
      error: "A NIP is 18 digits, e.g. 19791212 199912 1 001",
    },
    unit_kerja: {
      label: "Work unit",
      staffPrompt: "The employee's work unit?",
      prompt: "Which unit do you work in?",
      error: "Write your work unit (2–100 characters).",
    },
    domisili: {
      label: "Residence",
      staffPrompt: "The client's regency/city?",
      prompt: "Which regency/city do you live in?",
      error: "Write the regency or city (2–60 characters).",
    },
    telepon: {
      label: "Mobile number",
      staffPrompt: "The client's mobile number (optional)?",
      prompt: "A mobile number for session invitations (optional). Press Skip if you prefer not to give one.",
      error: "That number was not recognised. Example: 0812 3456 7890. Or press Skip.",
    },
    email: {
      label: "Email",
      staffPrompt: "The client's email (optional)?",
      prompt: "An email address for the Google Meet invitation (optional). Press Skip if you have none.",
      error: "That email address was not recognised. Example: name@example.id. Or press Skip.",
    },
  },

  status: {
    none: "You have no case yet. Send /start to register.",
    line: (p) => `Case #${p.caseNo} (${p.flowTitle}): now at "${p.activity}" by ${p.role}, due ${p.deadline}.`,
    closed: (p) => `Case #${p.caseNo}: ${p.status === "archived" ? "complete and archived" : "cancelled"}.`,
    openCaseHint: (p) =>
      `You have case #${p.caseNo} in progress; messages you send here go to your counsellor. ` + `Press "New registration" to register a different problem.`,
    whatYouCanDo: "What you can do: write here to your counsellor; /status to see how your case is going; /hapus to withdraw your consent and erase your data.",
    archivedHint: (p) =>
      `Case #${p.caseNo} is complete and archived. Your messages still reach the counsellor who handled it for ${p.days} days after the case was closed. ` +
      `To start a new consultation, press "New registration".`,
  },

  relay: {
    toCounsellor: (p) => `Case #${p.caseNo} · client's message:\n${p.text}`,
    toCounsellorNoCase: (p) => `Client's message (no case number yet):\n${p.text}`,
    toCounsellorArchived: (p) => `Case #${p.caseNo} (archived) · client's message:\n${p.text}`,
    unverifiedSender:
      "⚠️ Sender not verified: the mail server could not confirm this email really came from the client's address. Share nothing confidential until you are sure.",
    toClient: (p) => `Counsellor (case #${p.caseNo}):\n${p.text}`,
    toClientNoCase: (p) => `Counsellor:\n${p.text}`,
    attachmentOnly: "(attachment)",
    sent: (p) => (p.caseNo ? `Sent to the client of case #${p.caseNo}. Later answers on this case are not confirmed again.` : "Sent to the client."),
    notReached: (p) =>
      `Your message was kept, but the client${p.caseNo ? ` of case #${p.caseNo}` : ""} cannot be reached by chat (blocked, or their data was erased).`,
    clientStored: "Your message was saved and will be read by the staff.",
    notYourCase: "Only the counsellor handling this case can answer the client.",
    unknownCase: (p) => `Case #${p.caseNo} was not found.`,
    balasUsage: "To answer: /balas <case number> <message>, or reply to the case's message.",
    caseClosed: (p) => `Case #${p.caseNo} is closed; the message was not passed on.`,
    caseCard: (p) =>
      `New case #${p.caseNo} for you — ${p.flowTitle}\n\n${p.lines.join("\n")}\n\nComplaint:\n${p.keluhan}\n\n` +
      `Reply to this message to answer the client, or send /balas ${p.caseNo} <message>.`,
  },

  staff: {
    linked: (p) => `Welcome, ${p.name}. This account is linked as ${p.role} at ${p.org}. Your tasks will arrive here.`,
    linkRefused: "This code cannot be used. Ask the admin for a new one.",
    help: (p) =>
      [
        `You are linked as ${p.roles}.`,
        "• SOP tasks arrive as messages with buttons.",
        p.counsellor ? "• To answer a client: reply to the case's message, or /balas <case number> <message>." : "",
        "• /kasus — cases waiting for you",
        p.registers ? "• /kasusbaru — register a walk-in client" : "",
        p.counsellor ? "• /link <case number> <url> — send the session link to the client" : "",
        "• /dasbor — a login link for the recap dashboard",
        p.counsellor ? "• /tersedia or /tidaktersedia — take new cases or not" : "",
        "• /bahasa — Bahasa Indonesia / English",
      ]
        .filter(Boolean)
        .join("\n"),
    available: (p) => (p.on ? "You are available for new cases." : "You will not receive new cases for now."),
    nothingWaiting: "Nothing is waiting for you.",
    waitingHeader: (p) => `Waiting for you (${p.count}):`,
    ownCasesHeader: (p) => `Your cases in progress (${p.count}):`,
    ownCaseLine: (p) => `Case #${p.caseNo}: step ${p.stepNo} by ${p.role}, due ${p.deadline}${p.overdue ? " — LATE" : ""}`,
    waitingLine: (p) => `Case #${p.caseNo}, step ${p.stepNo}: ${p.activity} (due ${p.deadline})`,
    askRevisionReason: (p) => `Write the reason for the revision of case #${p.caseNo}:`,
    askRefusalReason: (p) => `Write the reason for refusing case #${p.caseNo} (passed on to whoever acts next and archived):`,
    askUpload: (p) =>
      `Send the file ${p.document} for case #${p.caseNo} (a document or a photo; a caption may say more). It is archived and passed on as the SOP says:`,
    fileRequired: "This step needs the file itself. Send a document or a photo, or press Cancel.",
    askDisposisi: (p) => `Write the disposisi (directions and for whom) for case #${p.caseNo}:`,
    askReport: (p) => `Write the plan/report for case #${p.caseNo} (it goes to whoever acts next and is archived):`,
    askApprovalText: (p) => `Write the ${p.what} for case #${p.caseNo} (recorded with your approval and sent to whoever acts next):`,
    askApprovalNote: (p) => `Write your note for case #${p.caseNo}; it appears on the Nota Dinas sent in your name:`,
    previousText: (p) => `Your text last time, to copy and change:\n${p.text}`,
    documentFor: (p) => `Case #${p.caseNo}: ${p.title} (attached).`,
    askExternalResult: (p) => `Send the result document or a note for case #${p.caseNo}, or press Skip if there is none:`,
    noteCancelled: "Cancelled; the step was not recorded.",
    noteRequired: "The note cannot be empty. Write it, or press Cancel.",
    recorded: (p) => `Recorded: case #${p.caseNo}, step ${p.stepNo} — ${p.label}.`,
    processedBy: (p) => `✓ Already handled by ${p.name} — ${p.label} (${p.at}).`,
    processedByYou: (p) => `✓ You chose: ${p.label} (${p.at}).`,
    taskHandled: (p) => `Case #${p.caseNo}: ${p.line}`,
    alreadyProcessed: (p) => `Already handled by ${p.name}.`,
    stale: "This step is no longer current.",
    notYourRole: "This step is not yours to act on.",
    unknownButton: "Unknown or expired button.",
    dashboardLink: (p) => `Dashboard login link (single use, valid ${p.minutes} minutes; do not pass it on):\n${p.url}`,
    chooseFlow: "Open a new case on the SOP:",
    noStaffFlow: "There is no SOP whose cases you can open from chat.",
    newCaseHeader: (p) => `Registering a client — ${p.flowTitle}. Send /batal to stop.`,
    walkInOpened: (p) =>
      `Case #${p.caseNo} opened (${p.flowTitle}).\nNext: ${p.next}\n\n` +
      `So the client can follow the case in chat, give them this code: ${p.code}\n` +
      `(they send "/start ${p.code}" to this bot; valid ${p.hours} hours, once).`,
    unknownCommand: "Unknown command. Send /bantuan.",
  },

  crisis: {
    toClient: (p) =>
      `Thank you for telling us. You are not alone. If you are thinking of hurting yourself or ending your life, ` +
      `call ${p.hotline} now, or 112 if you are in danger. Our counsellor has been told and will contact you soon.`,
    toCounsellor: (p) =>
      `⚠️ CRISIS ALERT — ${p.caseNo ? `case #${p.caseNo}` : "a client who is registering"}\n` +
      `The client's message contains a crisis phrase. Contact the client now (reply to this message to answer).\n\nMessage:\n${p.text}`,
    toLeader: (p) =>
      `⚠️ CRISIS ALERT — ${p.caseNo ? `case #${p.caseNo}` : "a client who is registering"}: the client's message contains a crisis phrase. ` +
      `The counsellor has been told; please make sure the client is attended to at once.`,
    registrationHeld:
      "We have paused the registration. Everything you write here goes straight to a counsellor. " +
      'When you are ready to go on with the registration, press "Continue registration".',
    heldForCounsellor:
      "This client's registration is paused: each of their messages is passed to you. Press \"Continue the client's registration\" when it may go on.",
    resumeButton: "Continue registration",
    resumeForClientButton: "Continue the client's registration",
    resumedByCounsellor: "The counsellor asked for your registration to continue.",
    resumedForCounsellor: "The client's registration goes on; they were given the next question.",
    notHeld: "This client's registration is not paused.",
  },

  form: {
    subject: "Counselling registration",
    intro: "To register, reply to this email with the form below filled in.",
    consentLabel: "Consent",
    consentHow: 'If you agree, write "I agree" on the Consent line (or "I do not agree" if you do not).',
    fillIn: "Copy this form into your reply and fill in after each colon:",
    optional: "optional",
    problems: "Some answers need correcting:",
    missing: "Still missing:",
    kindProblem: (p) => `Client type: write one of ${p.kinds}.`,
    orTelegram: (p) => `Easier in a chat? Register on Telegram: ${p.link}`,
    stuck: "If this form is difficult, contact the unit directly; we will help.",
  },

  schedule: {
    offer: (p) =>
      (p.reason === "taken" ? "That time was just taken. " : p.reason === "counsellor" ? "Your counsellor asked for a new time for your session. " : "") +
      `Case #${p.caseNo}: choose a time for your online counselling session (Google Meet, ${p.minutes} minutes):`,
    more: "Other times",
    offeredToCounsellor: (p) =>
      `Case #${p.caseNo}: the client was asked to choose a session time (${p.count} options within your working hours). The chosen time goes into your calendar.`,
    noneFree: (p) => `Case #${p.caseNo}: there is no free time in the next ${p.days} days. The counsellor will contact you to agree on a time.`,
    noneFreeCounsellor: (p) =>
      `Case #${p.caseNo}: your calendar has no free time in the next ${p.days} days. Agree on a time with the client, then send the link with /link ${p.caseNo} <url>.`,
    chosen: "Time chosen; booking it…",
    stale: "This choice of times no longer applies.",
    booked: (p) =>
      `Counselling session for case #${p.caseNo}: ${p.when}.` +
      (p.link ? `\nGoogle Meet: ${p.link}${p.code ? `\nMeeting code: ${p.code}` : ""}` : "\nThe counsellor will send the Google Meet link before the session."),
    addLinkByHand: (p) =>
      `Google Calendar is not set up for you, so there is no meeting link yet. Create a Google Meet at that time, then send its link with /link ${p.caseNo} <url>; it is passed on to the client.`,
    moved: (p) => `The session of case #${p.caseNo} moved to ${p.when}.` + (p.link ? `\nGoogle Meet: ${p.link}` : ""),
    cancelled: (p) => `The session of case #${p.caseNo} (${p.when}) was cancelled by the ${p.by}.`,
    cancelledByArchive: (p) =>
      `The session of case #${p.caseNo} (${p.when}) was cancelled because the case is complete and archived. If the session is still needed, write to the counsellor in this chat.`,
    byClient: "client",
    byCounsellor: "counsellor",
    reschedule: "Change time",
    cancel: "Cancel session",
    rescheduleAsked: "New times were sent to the client.",
    reminder: (p) => `Reminder: the counselling session of case #${p.caseNo} is in ${p.before}, ${p.when}.` + (p.link ? `\nGoogle Meet: ${p.link}` : ""),
    inMinutes: (p) => (p.minutes % 1440 === 0 ? `${p.minutes / 1440} day(s)` : p.minutes % 60 === 0 ? `${p.minutes / 60} hour(s)` : `${p.minutes} minutes`),
    linkUsage: "To add the session link: /link <case number> <https://meet.google.com/...>",
    linkBad: "The link must be an https:// address, e.g. https://meet.google.com/abc-defg-hij",
    linkHostRefused: (p) =>
      `The link was not sent: session links may only be on ${p.hosts.join(", ")} (the MEETING_LINK_HOSTS setting). Make the meeting there, then send its link again.`,
    noSession: (p) => `Case #${p.caseNo} has no session booked.`,
    linkSent: (p) => `The session link of case #${p.caseNo} was sent to the client.`,
    failedCounsellor: (p) =>
      `Case #${p.caseNo}: the session could not be booked in Google Calendar (${p.reason}). Arrange it by hand and send the link with /link ${p.caseNo} <url>.`,
    failedClient: (p) => `Case #${p.caseNo}: booking the session is delayed by a problem. The counsellor will contact you.`,
    credentialRefused: "access to Google Calendar was refused: the credential was revoked or is wrong; the admin has been told",
    unavailable: "Google Calendar could not be reached after several tries",
  },

  errors: {
    tryAgain: "Sorry, your message could not be processed because of a system problem. Please try again in a moment.",
    staleChoice: "This choice no longer applies.",
    conversationRestarted: "Sorry, we could not continue your earlier conversation, so we are starting again. Please send your message once more.",
    attachmentGone: (p) =>
      `(${p.count === 1 ? "An attachment is" : `${p.count} attachments are`} no longer available, for example because its data was erased.)`,
  },

  erasure: {
    requested: "Your request to erase your data was recorded and will be confirmed by the Head of Unit. You will be told when it is done.",
    toLeader: (p) => `A client asked to erase their data (${p.caseNo ? `Case #${p.caseNo}` : p.ref}). Please confirm following the procedure.`,
    nothing: "We hold no data of yours.",
    confirmButton: "Confirm erasure",
    alreadyDone: "This request was already handled or no longer applies.",
    doneLeader: (p) => `The client's data was erased (${p.cases} case(s) anonymised; the recap is unchanged).`,
    doneClient: "Your personal data was erased as you asked. Thank you for using this service.",
  },
};
