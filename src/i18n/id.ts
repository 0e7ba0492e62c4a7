// Bahasa Indonesia: the default locale. Every client- and staff-facing text lives here (en.ts mirrors it).
// Texts are plain text: channels escape them, so nothing here may rely on markup.

type Step = { caseNo: number; activity: string; standard: string; deadline: string };

export const id = {
  outcome: {
    done: "Selesai",
    approve: "Setujui",
    revise: "Minta revisi",
    refuse: "Tolak",
  } as Record<string, string>,
  stepTask: (p: {
    caseNo: number;
    flowTitle: string;
    stepNo: string;
    activity: string;
    inputs: string[];
    standard: string;
    deadline: string;
    note?: string;
    /** The step was sent back: by whom, and the text this actor wrote last time. */
    returned?: { by: string; previousText?: string | null };
  }) =>
    [
      `Kasus #${p.caseNo} — ${p.flowTitle}`,
      p.returned ? `↩ DIKEMBALIKAN oleh ${p.returned.by} untuk diperbaiki.` : "",
      `Langkah ${p.stepNo}: ${p.activity}`,
      p.note ? `Catatan langkah sebelumnya: ${p.note}` : "",
      p.returned?.previousText ? `Teks Anda sebelumnya (salin, perbaiki, lalu kirim lagi):\n${p.returned.previousText}` : "",
      p.inputs.length ? `Kelengkapan: ${p.inputs.join("; ")}` : "",
      `Waktu baku: ${p.standard} · batas waktu: ${p.deadline}`,
    ]
      .filter(Boolean)
      .join("\n"),
  clientStepStarted: (p: Step) => `Kasus #${p.caseNo}: sedang diproses — ${p.activity} (waktu baku ${p.standard}, paling lambat ${p.deadline}).`,
  clientCounsellor: (p: { name: string }) => `Konselor Anda: ${p.name}. Pesan yang Anda tulis di sini diteruskan kepadanya.`,
  /** Tembusan: a copy of what a step sent on, for a role the SOP reports to that does not act next. */
  stepCopy: (p: { caseNo: number; flowTitle: string; stepNo: string; activity: string; by: string; text?: string }) =>
    [
      `Tembusan — Kasus #${p.caseNo} — ${p.flowTitle}`,
      `Langkah ${p.stepNo}: ${p.activity} (oleh ${p.by})`,
      p.text ? `Isi:\n${p.text}` : "",
      "Untuk diketahui; tidak ada tindakan yang diminta dari Anda.",
    ]
      .filter(Boolean)
      .join("\n"),
  clientArchived: (p: { caseNo: number }) => `Kasus #${p.caseNo} telah selesai dan diarsipkan. Terima kasih.`,
  clientCancelled: (p: { caseNo: number }) => `Kasus #${p.caseNo} dibatalkan.`,
  escalation: (p: { caseNo: number; stepNo: string; activity: string; role: string; deadline: string }) =>
    `Peringatan: Kasus #${p.caseNo}, langkah ${p.stepNo} (${p.activity}) oleh ${p.role} melewati batas waktu ${p.deadline}. Mohon ditindaklanjuti.`,
  bookSession: (p: { caseNo: number }) => `Kasus #${p.caseNo}: jadwalkan sesi konseling (Google Meet) pada jam kerja konselor.`,

  buttons: {
    agree: "Setuju",
    disagree: "Tidak setuju",
    skip: "Lewati",
    done: "Selesai",
    send: "Kirim",
    change: "Ubah",
    back: "Kembali",
    cancel: "Batal",
    newIntake: "Pendaftaran baru",
    withNote: (p: { label: string }) => `${p.label} + catatan`,
  },

  intake: {
    welcome: (p: { org: string }) =>
      `Selamat datang di layanan konseling online ${p.org}.\n` + `Percakapan ini rahasia. Ketik /batal untuk berhenti kapan saja, /bahasa for English.`,
    consent:
      "Sebelum mulai, kami meminta persetujuan Anda.\n\n" +
      "• Yang dicatat: biodata Anda, keluhan, pesan antara Anda dan konselor, serta jadwal sesi.\n" +
      "• Tujuannya: agar konselor dapat menangani keluhan Anda sesuai SOP unit layanan.\n" +
      "• Yang dapat melihat: konselor yang menangani Anda dan petugas unit yang memproses kasus sesuai SOP; " +
      "pimpinan hanya menerima laporan. Data tidak diberikan kepada pihak lain tanpa izin Anda, kecuali untuk " +
      "menyelamatkan jiwa dalam keadaan darurat.\n" +
      "• Penyimpanan: data disimpan terenkripsi dan dihapus setelah masa simpan berakhir.\n" +
      "• Menarik persetujuan: kirim /hapus kapan saja; data Anda dihapus setelah permintaan dikonfirmasi.\n\n" +
      "Apakah Anda setuju?",
    consentAskAgain: "Mohon pilih Setuju atau Tidak setuju.",
    consentRefused: (p: { hotline: string }) =>
      `Baik, tidak apa-apa. Kami tidak menyimpan data Anda. Jika berubah pikiran, kirim /start.\n` +
      `Bila Anda dalam keadaan darurat, hubungi ${p.hotline} atau 112.`,
    kindPrompt: "Anda mendaftar sebagai:",
    kindField: "Jenis klien",
    kindLabels: { praja: "Praja", pegawai: "Pegawai", klien: "Klien" } as Record<string, string>,
    kindAskAgain: "Mohon pilih salah satu tombol di bawah.",
    keluhanPrompt: "Ceritakan keluhan atau masalah yang ingin Anda konsultasikan. Boleh dalam beberapa pesan.\nTekan Selesai bila sudah.",
    keluhanPromptStaff: "Tuliskan keluhan atau alasan klien perlu dikonseling. Tekan Selesai bila sudah.",
    keluhanMore: (p: { parts: number }) => `Tercatat (${p.parts} pesan). Tambahkan lagi, atau tekan Selesai.`,
    keluhanEmpty: "Keluhan belum diisi. Tuliskan keluhan Anda terlebih dahulu.",
    keluhanTooLong: (p: { max: number }) => `Keluhan terlalu panjang (maksimal ${p.max} karakter). Ringkas sedikit, lalu tekan Selesai.`,
    summary: (p: { lines: string[]; keluhan: string; staff?: boolean }) =>
      `${p.staff ? "Periksa data klien" : "Periksa data Anda"}:\n\n${p.lines.join("\n")}\n\nKeluhan:\n${p.keluhan}\n\nKirim pendaftaran ini?`,
    notGiven: "(tidak diisi)",
    editPick: "Bagian mana yang ingin diubah?",
    keluhanLabel: "Keluhan",
    cancelled: "Pendaftaran dibatalkan. Isian Anda tidak disimpan. Kirim /start untuk mulai lagi.",
    nothingToCancel: "Tidak ada pendaftaran yang sedang berjalan.",
    resume: "Melanjutkan pendaftaran Anda:",
    opened: (p: { caseNo: number; activity: string; role: string; standard: string; deadline: string }) =>
      `Terima kasih. Pendaftaran Anda diterima sebagai Kasus #${p.caseNo}.\n\n` +
      `Berikutnya: ${p.activity} — oleh ${p.role}, waktu baku ${p.standard} (paling lambat ${p.deadline}).\n\n` +
      `Konselor akan membalas Anda di percakapan ini. Pesan yang Anda kirim di sini diteruskan kepada konselor. ` +
      `Ketik /status untuk melihat perkembangan.`,
    linked: (p: { caseNo: number; activity: string; role: string; standard: string; deadline: string }) =>
      `Terima kasih. Percakapan ini sekarang terhubung dengan Kasus #${p.caseNo}.\n\n` +
      `Sekarang: ${p.activity} — oleh ${p.role} (paling lambat ${p.deadline}).\n\n` +
      `Konselor akan membalas Anda di sini. Ketik /status untuk melihat perkembangan.`,
    noFlow: "Maaf, layanan ini belum dapat menerima pendaftaran. Silakan hubungi unit layanan secara langsung.",
    tooLong: (p: { max: number }) => `Pesan terlalu panjang (maksimal ${p.max} karakter). Mohon ringkas.`,
    languageSwitched: "Bahasa: Indonesia.",
  },

  fields: {
    nama: {
      label: "Nama",
      prompt: "Siapa nama lengkap Anda?",
      staffPrompt: "Nama lengkap klien?",
      error: "Nama harus berupa huruf, 2–100 karakter. Coba lagi.",
    },
    npp: {
      label: "NPP",
      staffPrompt: "NPP praja? Contoh: 31.0456",
      prompt: "Berapa Nomor Pokok Praja (NPP) Anda? Contoh: 31.0456",
      error: "NPP tidak dikenali. Tulis NPP Anda dengan angka, contoh: 31.0456",
    },
    tingkat: { label: "Tingkat", staffPrompt: "Tingkat praja?", prompt: "Tingkat berapa Anda?", error: "Pilih tingkat I, II, III, atau IV." },
    kelas: {
      label: "Kelas/Wisma",
      staffPrompt: "Kelas atau wisma praja?",
      prompt: "Apa kelas atau wisma Anda?",
      error: "Tulis kelas atau wisma Anda (maksimal 60 karakter).",
    },
    kampus: { label: "Kampus", staffPrompt: "Kampus praja?", prompt: "Di kampus mana Anda?", error: "Pilih kampus dari tombol atau tulis nama kampus Anda." },
    nip: {
      label: "NIP",
      staffPrompt: "NIP pegawai? (18 angka)",
      prompt: "Berapa NIP Anda? (18 angka)",
      error: "NIP harus 18 angka, contoh: 19791212 199912 1 001",
    },
    unit_kerja: { label: "Unit kerja", staffPrompt: "Unit kerja pegawai?", prompt: "Apa unit kerja Anda?", error: "Tulis unit kerja Anda (2–100 karakter)." },
    domisili: {
      label: "Domisili",
      staffPrompt: "Kabupaten/kota tempat tinggal klien?",
      prompt: "Di kabupaten/kota mana Anda tinggal?",
      error: "Tulis nama kabupaten/kota (2–60 karakter).",
    },
    telepon: {
      label: "Nomor HP",
      staffPrompt: "Nomor HP klien (opsional)?",
      prompt: "Nomor HP untuk undangan sesi (opsional). Tekan Lewati bila tidak ingin memberikan.",
      error: "Nomor HP tidak dikenali. Contoh: 0812 3456 7890. Atau tekan Lewati.",
    },
    email: {
      label: "Email",
      staffPrompt: "Email klien (opsional)?",
      prompt: "Alamat email untuk undangan Google Meet (opsional). Tekan Lewati bila tidak ada.",
      error: "Alamat email tidak dikenali. Contoh: nama@contoh.id. Atau tekan Lewati.",
    },
  } as Record<string, { label: string; prompt: string; staffPrompt: string; error: string }>,

  status: {
    none: "Anda belum memiliki kasus. Kirim /start untuk mendaftar.",
    line: (p: { caseNo: number; flowTitle: string; activity: string; role: string; deadline: string }) =>
      `Kasus #${p.caseNo} (${p.flowTitle}): sekarang di langkah "${p.activity}" oleh ${p.role}, paling lambat ${p.deadline}.`,
    closed: (p: { caseNo: number; status: string }): string => `Kasus #${p.caseNo}: ${p.status === "archived" ? "selesai dan diarsipkan" : "dibatalkan"}.`,
    openCaseHint: (p: { caseNo: number }) =>
      `Anda memiliki Kasus #${p.caseNo} yang sedang berjalan; pesan Anda di sini diteruskan kepada konselor. ` +
      `Tekan "Pendaftaran baru" bila ingin mendaftarkan masalah lain.`,
    whatYouCanDo:
      "Yang dapat Anda lakukan: tulis pesan di sini untuk konselor Anda; /status untuk melihat kemajuan kasus; /hapus untuk menarik persetujuan dan menghapus data Anda.",
    archivedHint: (p: { caseNo: number; days: number }) =>
      `Kasus #${p.caseNo} sudah selesai dan diarsipkan. Pesan Anda tetap kami teruskan kepada konselor yang menanganinya sampai ${p.days} hari setelah kasus ditutup. ` +
      `Bila Anda ingin memulai konsultasi baru, tekan "Pendaftaran baru".`,
  },

  relay: {
    toCounsellor: (p: { caseNo: number; text: string }) => `Kasus #${p.caseNo} · pesan klien:\n${p.text}`,
    toCounsellorNoCase: (p: { text: string }) => `Pesan klien (belum ada nomor kasus):\n${p.text}`,
    toCounsellorArchived: (p: { caseNo: number; text: string }) => `Kasus #${p.caseNo} (sudah diarsipkan) · pesan klien:\n${p.text}`,
    /** Above a client's message whose sender the channel could not confirm (email without valid DKIM/DMARC). */
    unverifiedSender:
      "⚠️ Pengirim belum terverifikasi: server email tidak dapat memastikan email ini benar dari alamat klien. Jangan sampaikan hal rahasia sebelum Anda yakin.",
    toClient: (p: { caseNo: number; text: string }) => `Konselor (Kasus #${p.caseNo}):\n${p.text}`,
    toClientNoCase: (p: { text: string }) => `Konselor:\n${p.text}`,
    attachmentOnly: "(lampiran)",
    sent: (p: { caseNo: number | null }): string =>
      p.caseNo ? `Terkirim ke klien Kasus #${p.caseNo}. Balasan berikutnya untuk kasus ini tidak dikonfirmasi lagi.` : "Terkirim ke klien.",
    notReached: (p: { caseNo: number | null }): string =>
      `Pesan Anda tersimpan, tetapi klien${p.caseNo ? ` Kasus #${p.caseNo}` : ""} tidak dapat dihubungi lewat chat (akun diblokir atau datanya dihapus).`,
    clientStored: "Pesan Anda tersimpan dan akan dibaca petugas.",
    notYourCase: "Hanya konselor yang menangani kasus ini yang dapat membalas klien.",
    unknownCase: (p: { caseNo: string }) => `Kasus #${p.caseNo} tidak ditemukan.`,
    balasUsage: "Cara membalas: /balas <nomor kasus> <pesan>, atau balas (reply) pesan kasus.",
    caseClosed: (p: { caseNo: number }) => `Kasus #${p.caseNo} sudah ditutup; pesan tidak diteruskan.`,
    caseCard: (p: { caseNo: number; flowTitle: string; lines: string[]; keluhan: string }) =>
      `Kasus #${p.caseNo} baru untuk Anda — ${p.flowTitle}\n\n${p.lines.join("\n")}\n\nKeluhan:\n${p.keluhan}\n\n` +
      `Balas (reply) pesan ini untuk menjawab klien, atau kirim /balas ${p.caseNo} <pesan>.`,
  },

  staff: {
    linked: (p: { role: string; org: string; name: string }) =>
      `Selamat datang, ${p.name}. Akun ini terhubung sebagai ${p.role} di ${p.org}. Tugas akan dikirim ke sini.`,
    linkRefused: "Kode tidak dapat digunakan. Mintalah kode baru kepada admin.",
    /** Only what the person's roles can use: the counsellor's lines for counsellors, /kasusbaru where they may register. */
    help: (p: { roles: string; counsellor: boolean; registers: boolean }) =>
      [
        `Anda terhubung sebagai ${p.roles}.`,
        "• Tugas SOP datang sebagai pesan dengan tombol.",
        p.counsellor ? "• Membalas klien: balas (reply) pesan kasus, atau /balas <nomor kasus> <pesan>." : "",
        "• /kasus — kasus yang menunggu Anda",
        p.registers ? "• /kasusbaru — daftarkan klien yang datang langsung" : "",
        p.counsellor ? "• /link <nomor kasus> <url> — kirim tautan sesi kepada klien" : "",
        "• /dasbor — tautan masuk dasbor rekap",
        p.counsellor ? "• /tersedia atau /tidaktersedia — menerima kasus baru atau tidak" : "",
        "• /bahasa — English / Bahasa Indonesia",
      ]
        .filter(Boolean)
        .join("\n"),
    available: (p: { on: boolean }): string => (p.on ? "Anda tersedia untuk kasus baru." : "Anda tidak menerima kasus baru untuk sementara."),
    nothingWaiting: "Tidak ada langkah yang menunggu Anda.",
    waitingHeader: (p: { count: number }) => `Menunggu Anda (${p.count}):`,
    ownCasesHeader: (p: { count: number }) => `Kasus yang Anda tangani dan sedang berjalan (${p.count}):`,
    ownCaseLine: (p: { caseNo: number; stepNo: string; role: string; deadline: string; overdue: boolean }) =>
      `Kasus #${p.caseNo}: langkah ${p.stepNo} oleh ${p.role}, paling lambat ${p.deadline}${p.overdue ? " — TERLAMBAT" : ""}`,
    waitingLine: (p: { caseNo: number; stepNo: string; activity: string; deadline: string }) =>
      `Kasus #${p.caseNo}, langkah ${p.stepNo}: ${p.activity} (paling lambat ${p.deadline})`,
    askRevisionReason: (p: { caseNo: number }) => `Tuliskan alasan revisi untuk Kasus #${p.caseNo}:`,
    askRefusalReason: (p: { caseNo: number }) => `Tuliskan alasan penolakan untuk Kasus #${p.caseNo} (diteruskan kepada pelaksana berikutnya dan diarsipkan):`,
    askUpload: (p: { caseNo: number; document: string }) =>
      `Kirim berkas ${p.document} untuk Kasus #${p.caseNo} (dokumen atau foto; keterangan boleh ditulis sebagai caption). Berkas ini diarsipkan dan diteruskan sesuai SOP:`,
    fileRequired: "Langkah ini memerlukan berkasnya. Kirim dokumen atau foto, atau tekan Batal.",
    askDisposisi: (p: { caseNo: number }) => `Tuliskan disposisi (arahan dan kepada siapa) untuk Kasus #${p.caseNo}:`,
    askReport: (p: { caseNo: number }) => `Tuliskan isi rencana/laporan untuk Kasus #${p.caseNo} (dikirim ke pelaksana berikutnya dan diarsipkan):`,
    askApprovalText: (p: { caseNo: number; what: string }) =>
      `Tuliskan ${p.what} untuk Kasus #${p.caseNo} (tercatat pada persetujuan Anda dan dikirim ke pelaksana berikutnya):`,
    askApprovalNote: (p: { caseNo: number }) =>
      `Tuliskan catatan Anda untuk Kasus #${p.caseNo}; catatan ini tercantum pada Nota Dinas yang dikirim atas nama Anda:`,
    previousText: (p: { text: string }) => `Teks Anda sebelumnya, untuk disalin dan diperbaiki:\n${p.text}`,
    documentFor: (p: { caseNo: number; title: string }) => `Kasus #${p.caseNo}: ${p.title} (terlampir).`,
    askExternalResult: (p: { caseNo: number }) => `Kirim dokumen hasil atau catatan untuk Kasus #${p.caseNo}, atau tekan Lewati bila tidak ada:`,
    noteCancelled: "Dibatalkan; langkah belum dicatat.",
    noteRequired: "Catatan tidak boleh kosong. Tuliskan, atau tekan Batal.",
    recorded: (p: { caseNo: number; stepNo: string; label: string }) => `Tercatat: Kasus #${p.caseNo}, langkah ${p.stepNo} — ${p.label}.`,
    processedBy: (p: { name: string; label: string; at: string }) => `✓ Sudah diproses oleh ${p.name} — ${p.label} (${p.at}).`,
    processedByYou: (p: { label: string; at: string }) => `✓ Anda memilih: ${p.label} (${p.at}).`,
    taskHandled: (p: { caseNo: number; line: string }) => `Kasus #${p.caseNo}: ${p.line}`,
    alreadyProcessed: (p: { name: string }) => `Sudah diproses oleh ${p.name}.`,
    stale: "Langkah ini sudah tidak berlaku.",
    notYourRole: "Bukan wewenang Anda untuk langkah ini.",
    unknownButton: "Tombol tidak dikenal atau sudah kedaluwarsa.",
    dashboardLink: (p: { url: string; minutes: number }) =>
      `Tautan masuk dasbor (sekali pakai, berlaku ${p.minutes} menit; jangan diteruskan kepada siapa pun):\n${p.url}`,
    chooseFlow: "Buka kasus baru pada SOP:",
    noStaffFlow: "Tidak ada SOP yang kasusnya dapat Anda buka dari chat.",
    newCaseHeader: (p: { flowTitle: string }) => `Pendaftaran klien — ${p.flowTitle}. Ketik /batal untuk berhenti.`,
    walkInOpened: (p: { caseNo: number; flowTitle: string; code: string; hours: number; next: string }) =>
      `Kasus #${p.caseNo} dibuka (${p.flowTitle}).\nBerikutnya: ${p.next}\n\n` +
      `Agar klien dapat mengikuti kasusnya lewat chat, berikan kode ini kepadanya: ${p.code}\n` +
      `(kirim "/start ${p.code}" ke bot ini; berlaku ${p.hours} jam, satu kali pakai).`,
    unknownCommand: "Perintah tidak dikenal. Ketik /bantuan.",
  },

  crisis: {
    toClient: (p: { hotline: string }) =>
      `Terima kasih sudah bercerita. Anda tidak sendiri. Bila Anda berpikir untuk menyakiti diri atau mengakhiri hidup, ` +
      `hubungi ${p.hotline} sekarang, atau 112 bila dalam bahaya. Konselor kami sudah diberi tahu dan akan segera menghubungi Anda.`,
    toCounsellor: (p: { caseNo: number | null; text: string }) =>
      `⚠️ PERINGATAN KRISIS — ${p.caseNo ? `Kasus #${p.caseNo}` : "klien yang sedang mendaftar"}\n` +
      `Pesan klien mengandung kata krisis. Segera hubungi klien (balas pesan ini untuk menjawabnya).\n\nPesan:\n${p.text}`,
    toLeader: (p: { caseNo: number | null }) =>
      `⚠️ PERINGATAN KRISIS — ${p.caseNo ? `Kasus #${p.caseNo}` : "klien yang sedang mendaftar"}: pesan klien mengandung kata krisis. ` +
      `Konselor telah diberi tahu; mohon pastikan klien segera ditangani.`,
    registrationHeld:
      "Pendaftaran kami jeda dulu. Apa pun yang Anda tulis di sini langsung diteruskan kepada konselor. " +
      'Bila Anda sudah siap melanjutkan pendaftaran, tekan "Lanjutkan pendaftaran".',
    heldForCounsellor:
      'Pendaftaran klien ini dijeda: setiap pesannya diteruskan kepada Anda. Tekan "Lanjutkan pendaftaran klien" bila pendaftaran boleh dilanjutkan.',
    resumeButton: "Lanjutkan pendaftaran",
    resumeForClientButton: "Lanjutkan pendaftaran klien",
    resumedByCounsellor: "Konselor meminta pendaftaran Anda dilanjutkan.",
    resumedForCounsellor: "Pendaftaran klien dilanjutkan; klien diberi pertanyaan berikutnya.",
    notHeld: "Pendaftaran klien ini tidak sedang dijeda.",
  },

  form: {
    subject: "Pendaftaran konseling",
    intro: "Untuk mendaftar, balas email ini dengan formulir di bawah yang sudah diisi.",
    consentLabel: "Persetujuan",
    consentHow: 'Bila Anda setuju, tulis "Setuju" pada baris Persetujuan (atau "Tidak setuju" bila tidak).',
    fillIn: "Salin formulir ini ke balasan Anda dan isi setelah tanda titik dua:",
    optional: "opsional",
    problems: "Ada isian yang perlu diperbaiki:",
    missing: "Yang masih perlu diisi:",
    kindProblem: (p: { kinds: string }) => `Jenis klien: tulis salah satu dari ${p.kinds}.`,
    orTelegram: (p: { link: string }) => `Lebih mudah lewat chat? Daftar lewat Telegram: ${p.link}`,
    stuck: "Bila formulir ini menyulitkan, hubungi langsung unit layanan; kami akan membantu.",
  },

  schedule: {
    offer: (p: { caseNo: number; minutes: number; first?: boolean; reason?: "taken" | "counsellor" | "client" | "more" }) =>
      (p.reason === "taken" ? "Jadwal itu baru saja terisi. " : p.reason === "counsellor" ? "Konselor meminta jadwal baru untuk sesi Anda. " : "") +
      `Kasus #${p.caseNo}: pilih jadwal sesi konseling online (Google Meet, ${p.minutes} menit) dengan konselor Anda:`,
    more: "Waktu lain",
    offeredToCounsellor: (p: { caseNo: number; count: number }) =>
      `Kasus #${p.caseNo}: klien diminta memilih jadwal sesi (${p.count} pilihan dalam jam kerja Anda). Jadwal yang dipilih masuk ke kalender Anda.`,
    noneFree: (p: { caseNo: number; days: number }) =>
      `Kasus #${p.caseNo}: belum ada waktu kosong dalam ${p.days} hari ke depan. Konselor akan menghubungi Anda untuk menentukan jadwal.`,
    noneFreeCounsellor: (p: { caseNo: number; days: number }) =>
      `Kasus #${p.caseNo}: tidak ada waktu kosong di kalender Anda dalam ${p.days} hari kerja ke depan. Atur jadwal dengan klien, lalu kirim tautannya dengan /link ${p.caseNo} <url>.`,
    chosen: "Jadwal dipilih; sedang dipesan…",
    stale: "Pilihan jadwal ini sudah tidak berlaku.",
    booked: (p: { caseNo: number; when: string; link?: string | null; code?: string | null }) =>
      `Sesi konseling Kasus #${p.caseNo}: ${p.when}.` +
      (p.link ? `\nGoogle Meet: ${p.link}${p.code ? `\nKode rapat: ${p.code}` : ""}` : "\nTautan Google Meet akan dikirim konselor sebelum sesi."),
    addLinkByHand: (p: { caseNo: number }) =>
      `Google Calendar belum diatur untuk Anda, jadi tautan rapat belum ada. Buat rapat Google Meet pada jam itu, lalu kirim tautannya dengan /link ${p.caseNo} <url>; tautan itu diteruskan ke klien.`,
    moved: (p: { caseNo: number; when: string; link?: string | null }) =>
      `Sesi Kasus #${p.caseNo} dipindah ke ${p.when}.` + (p.link ? `\nGoogle Meet: ${p.link}` : ""),
    cancelled: (p: { caseNo: number; when: string; by: string }) => `Sesi Kasus #${p.caseNo} (${p.when}) dibatalkan oleh ${p.by}.`,
    cancelledByArchive: (p: { caseNo: number; when: string }) =>
      `Sesi Kasus #${p.caseNo} (${p.when}) dibatalkan karena kasus sudah selesai dan diarsipkan. Bila sesi masih diperlukan, hubungi konselor melalui chat ini.`,
    byClient: "klien",
    byCounsellor: "konselor",
    reschedule: "Ubah jadwal",
    cancel: "Batalkan sesi",
    rescheduleAsked: "Pilihan jadwal baru dikirim ke klien.",
    reminder: (p: { caseNo: number; when: string; link?: string | null; before: string }) =>
      `Pengingat: sesi konseling Kasus #${p.caseNo} ${p.before} lagi, ${p.when}.` + (p.link ? `\nGoogle Meet: ${p.link}` : ""),
    inMinutes: (p: { minutes: number }): string =>
      p.minutes % 1440 === 0 ? `${p.minutes / 1440} hari` : p.minutes % 60 === 0 ? `${p.minutes / 60} jam` : `${p.minutes} menit`,
    linkUsage: "Cara menambahkan tautan sesi: /link <nomor kasus> <https://meet.google.com/...>",
    linkBad: "Tautan harus berupa alamat https://, misalnya https://meet.google.com/abc-defg-hij",
    linkHostRefused: (p: { hosts: readonly string[] }) =>
      `Tautan tidak dikirim: tautan sesi hanya boleh dari ${p.hosts.join(", ")} (pengaturan MEETING_LINK_HOSTS). Buat rapat di sana, lalu kirim tautannya lagi.`,
    noSession: (p: { caseNo: number }) => `Kasus #${p.caseNo} belum punya jadwal sesi.`,
    linkSent: (p: { caseNo: number }) => `Tautan sesi Kasus #${p.caseNo} dikirim ke klien.`,
    failedCounsellor: (p: { caseNo: number; reason: string }) =>
      `Kasus #${p.caseNo}: jadwal belum dapat dipesan di Google Calendar (${p.reason}). Atur sesi secara manual dan kirim tautannya dengan /link ${p.caseNo} <url>.`,
    failedClient: (p: { caseNo: number }) => `Kasus #${p.caseNo}: pemesanan jadwal tertunda karena gangguan. Konselor akan menghubungi Anda.`,
    credentialRefused: "akses ke Google Calendar ditolak: kredensial dicabut atau salah; admin sudah diberi tahu",
    unavailable: "Google Calendar tidak dapat dihubungi setelah beberapa kali dicoba",
  },

  errors: {
    tryAgain: "Maaf, pesan Anda belum dapat diproses karena gangguan sistem. Silakan coba lagi beberapa saat lagi.",
    staleChoice: "Pilihan ini sudah tidak berlaku.",
    conversationRestarted: "Maaf, percakapan Anda sebelumnya tidak dapat kami lanjutkan, jadi kita mulai dari awal. Silakan kirim pesan Anda sekali lagi.",
    attachmentGone: (p: { count: number }) => `(${p.count} lampiran tidak lagi tersedia, misalnya karena datanya sudah dihapus.)`,
  },

  erasure: {
    requested: "Permintaan penghapusan data Anda telah dicatat dan akan dikonfirmasi oleh Kepala Unit. Anda akan diberi tahu setelah selesai.",
    toLeader: (p: { caseNo?: number; ref: string }) =>
      `Permintaan penghapusan data dari klien (${p.caseNo ? `Kasus #${p.caseNo}` : p.ref}). Mohon konfirmasi sesuai prosedur.`,
    nothing: "Tidak ada data Anda yang tersimpan.",
    confirmButton: "Konfirmasi penghapusan",
    alreadyDone: "Permintaan ini sudah diproses atau tidak berlaku.",
    doneLeader: (p: { cases: number }) => `Data klien telah dihapus (${p.cases} kasus dianonimkan; rekap tetap utuh).`,
    doneClient: "Data pribadi Anda telah dihapus sesuai permintaan Anda. Terima kasih telah menggunakan layanan ini.",
  },
};

export type Messages = typeof id;
