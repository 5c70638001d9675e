package corpus

// The vocabulary of the generated SOPs: offices, their units (bidang), the
// services each unit writes an SOP for, and the activities of its steps.
// All of it is written for sopflow's tests in the style of published SOPs
// AP; the regencies, offices' officials, NIPs and regional regulations are
// fictitious, national regulations are cited as published.
//
// A text may hold these placeholders, filled per SOP:
//
//	{obj}   the object of the service, in a sentence ("akta kelahiran")
//	{doc}   the document the procedure ends with ("Kutipan Akta Kelahiran")
//	{app}   the unit's application ("SIAK Terpusat")
//	{next}  the primary actor of the step the flow goes to next

// office is one organisation: every SOP of a corpus belongs to one.
type office struct {
	name       string // the second unit line, "DINAS ..."
	code       string // the classification code that opens an SOP's number ("470")
	abbrev     string // the office's abbreviation in an SOP's number ("DISDUKCAPIL")
	head       string // the head's title, the approver of every SOP
	sekretaris string // the title of the head of the sekretariat
	legal      []string
	units      []*unit
}

// unit is one bidang (or the sekretariat) of an office.
type unit struct {
	line   string   // the third unit line ("BIDANG ...")
	head   string   // the head of the unit ("Kepala Bidang ..."); for the sekretariat, "Sekretaris"
	sek    bool     // whether the Sekretaris coordinates above head (a bidang, not the sekretariat)
	subs   []string // heads of the sub-units, chosen by a service's sub
	front  string   // the front office ("Petugas Loket Pelayanan")
	staff  []string // the staff who do the work, first the main one
	app    string
	quals  []string // qualifiers that make more SOPs of an external service ("secara Daring")
	groups []string // and the groups it is for ("bagi Pejabat Fungsional"), with quals
	staff2 []string // the second staff member by sub; nil: the staff member after the main one
	legal  []string
	work   []work // processing activities, in the order they happen
	svcs   []service
	equip  []string
}

// service is one procedure of a unit: one SOP, or several with a qualifier.
type service struct {
	name string // Nama SOP
	obj  string
	doc  string
	reqs string // what the applicant brings (KELENGKAPAN of the first step)
	ext  string // the external actor who applies; "" for an internal procedure
	sub  int    // which of the unit's subs is in charge
	// quals, when set, are this service's own qualifiers (and the unit's
	// are not used); "-" alone means none.
	quals []string
}

// work is one processing activity. A decision has labels and a target for
// its no exit.
type work struct {
	act, req, time, out string
	staff2              bool // done by the second staff member when there is one
	joint               bool // a joint activity of the staff and the sub-unit's head
	yes, no             string
	back                int // a decision's no exit: this many processing steps back; 0 rejects
	note                string
}

var secretariatLegal = []string{
	"Peraturan Pemerintah Nomor 12 Tahun 2019 tentang Pengelolaan Keuangan Daerah",
	"Peraturan Menteri Dalam Negeri Nomor 77 Tahun 2020 tentang Pedoman Teknis Pengelolaan Keuangan Daerah",
	"Peraturan Menteri Dalam Negeri Nomor 1 Tahun 2023 tentang Pedoman Umum Tata Naskah Dinas di Lingkungan Pemerintah Daerah",
}

// secretariat is the sekretariat every office has, with its name filled in.
func secretariat(sekretaris string) *unit {
	return &unit{
		line:   "SEKRETARIAT",
		head:   sekretaris,
		subs:   []string{"Kepala Sub Bagian Umum dan Kepegawaian", "Kepala Sub Bagian Keuangan", "Kepala Sub Bagian Perencanaan dan Evaluasi"},
		front:  "Pengadministrasi Umum",
		staff:  []string{"Pengelola Administrasi Perkantoran", "Bendahara Pengeluaran", "Analis Perencanaan, Evaluasi dan Pelaporan"},
		staff2: []string{"Pengadministrasi Kepegawaian", "Pengadministrasi Keuangan", "Pengolah Data Perencanaan"},
		app:    "aplikasi SIPD",
		groups: []string{"", "bagi Pejabat Fungsional", "bagi Pegawai Pemerintah dengan Perjanjian Kerja"},
		legal:  secretariatLegal,
		equip:  []string{"Komputer dan printer", "Aplikasi SIPD dan aplikasi tata naskah dinas elektronik", "Buku agenda surat", "Stempel dinas"},
		work: []work{
			{act: "Menghimpun dan menelaah bahan pendukung {obj}", req: "Nota dinas, bahan pendukung", time: "1 hari", out: "Bahan telaahan"},
			{act: "Mencocokkan data {obj} dengan dokumen pelaksanaan anggaran dan ketentuan yang berlaku", req: "DPA, data pendukung", time: "2 jam", out: "Hasil pencocokan", staff2: true},
			{act: "Apakah data {obj} sesuai dengan ketentuan?", req: "Hasil pencocokan", time: "30 menit", out: "Catatan koreksi", yes: "Sesuai", no: "Tidak sesuai", back: 1},
			{act: "Mengoordinasikan kebutuhan {obj} dengan unit kerja terkait", req: "Bahan telaahan", time: "1 hari", out: "Catatan koordinasi", joint: true},
			{act: "Menginput data {obj} ke dalam {app}", req: "Data pendukung", time: "1 jam", out: "Data terinput", staff2: true},
			{act: "Mencetak rekapitulasi {obj} dari {app}", req: "Data terinput", time: "15 menit", out: "Rekapitulasi"},
			{act: "Memeriksa kesesuaian rekapitulasi dengan bukti pendukung", req: "Rekapitulasi, bukti pendukung", time: "1 jam", out: "Rekapitulasi terverifikasi", yes: "Sesuai", no: "Tidak", back: 2, staff2: true},
			{act: "Membahas hasil rekapitulasi {obj} dalam rapat internal sekretariat", req: "Rekapitulasi terverifikasi", time: "2 jam", out: "Notulen rapat", joint: true},
			{act: "Menyiapkan lampiran dan daftar kelengkapan {obj}", req: "Notulen rapat", time: "1 jam", out: "Lampiran"},
		},
		svcs: []service{
			{name: "Penerbitan Surat Keluar", obj: "naskah dinas keluar", doc: "surat keluar", reqs: "Nota dinas, konsep surat", sub: 0, quals: []string{"-"}},
			{name: "Permohonan Cuti Tahunan Pegawai", obj: "permohonan cuti tahunan", doc: "surat izin cuti tahunan", reqs: "Formulir permohonan cuti, persetujuan atasan langsung", ext: "Pegawai Pemohon", sub: 0},
			{name: "Permohonan Cuti Sakit", obj: "permohonan cuti sakit", doc: "surat izin cuti sakit", reqs: "Formulir permohonan cuti, surat keterangan dokter", ext: "Pegawai Pemohon", sub: 0},
			{name: "Permohonan Cuti Alasan Penting", obj: "permohonan cuti alasan penting", doc: "surat izin cuti alasan penting", reqs: "Formulir permohonan cuti, surat keterangan pendukung", ext: "Pegawai Pemohon", sub: 0},
			{name: "Usul Kenaikan Gaji Berkala", obj: "usul kenaikan gaji berkala", doc: "surat pemberitahuan kenaikan gaji berkala", reqs: "SK pangkat terakhir, SK gaji berkala terakhir, SKP dua tahun terakhir", ext: "Pegawai Pemohon", sub: 0},
			{name: "Penerbitan Surat Perintah Perjalanan Dinas", obj: "perjalanan dinas", doc: "Surat Perintah Tugas dan SPPD", reqs: "Nota dinas, surat undangan, DPA", sub: 1, quals: []string{"Dalam Daerah", "Luar Daerah"}},
			{name: "Penyusunan SPJ Ganti Uang Persediaan", obj: "pertanggungjawaban ganti uang persediaan", doc: "SPM-GU", reqs: "Bukti pengeluaran, buku kas umum", sub: 1, quals: []string{"-"}},
			{name: "Pengajuan Pembayaran Langsung Belanja Barang dan Jasa", obj: "pembayaran langsung belanja barang dan jasa", doc: "SPM-LS", reqs: "Kontrak, berita acara serah terima, kuitansi", ext: "Penyedia Barang/Jasa", sub: 1, quals: []string{"-"}},
			{name: "Pengadaan Alat Tulis Kantor", obj: "pengadaan alat tulis kantor", doc: "surat pesanan alat tulis kantor", reqs: "Nota dinas kebutuhan, kartu persediaan", sub: 0, quals: []string{"-"}},
			{name: "Pemeliharaan Kendaraan Dinas", obj: "pemeliharaan kendaraan dinas", doc: "surat perintah kerja pemeliharaan", reqs: "Nota dinas kerusakan, kartu pemeliharaan kendaraan", sub: 0, quals: []string{"Roda Dua", "Roda Empat"}},
			{name: "Penyusunan Rencana Kerja Perangkat Daerah", obj: "rencana kerja perangkat daerah", doc: "dokumen Renja", reqs: "Renstra, evaluasi Renja tahun lalu, pagu indikatif", sub: 2, quals: []string{"", "Perubahan"}},
			{name: "Penyusunan Laporan Kinerja Instansi Pemerintah", obj: "laporan kinerja", doc: "dokumen LKjIP", reqs: "Perjanjian kinerja, data capaian indikator", sub: 2, quals: []string{"-"}},
			{name: "Penyusunan Laporan Keuangan", obj: "laporan keuangan", doc: "laporan keuangan perangkat daerah", reqs: "Buku kas umum, neraca saldo, laporan barang milik daerah", sub: 1, quals: []string{"Semesteran", "Tahunan"}},
			{name: "Penyusunan Perjanjian Kinerja", obj: "perjanjian kinerja", doc: "dokumen Perjanjian Kinerja", reqs: "Renstra, DPA", sub: 2, quals: []string{"-"}},
			{name: "Penyusunan Laporan Realisasi Fisik dan Keuangan", obj: "laporan realisasi fisik dan keuangan", doc: "laporan realisasi", reqs: "Data realisasi kegiatan, SP2D", sub: 2, quals: []string{"Bulanan", "Triwulanan"}},
			{name: "Penerbitan Surat Keterangan Pegawai", obj: "surat keterangan pegawai", doc: "surat keterangan", reqs: "Surat permohonan, SK pangkat terakhir", ext: "Pegawai Pemohon", sub: 0},
			{name: "Inventarisasi Barang Milik Daerah", obj: "inventarisasi barang milik daerah", doc: "laporan hasil inventarisasi", reqs: "Kartu inventaris barang, buku inventaris", sub: 0, quals: []string{"-"}},
		},
	}
}

var offices = []office{
	{
		name:       "DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL",
		code:       "470",
		abbrev:     "DISDUKCAPIL",
		head:       "Kepala Dinas Kependudukan dan Pencatatan Sipil",
		sekretaris: "Sekretaris Dinas",
		legal: []string{
			"Undang-Undang Nomor 23 Tahun 2006 tentang Administrasi Kependudukan sebagaimana telah diubah dengan Undang-Undang Nomor 24 Tahun 2013",
			"Peraturan Presiden Nomor 96 Tahun 2018 tentang Persyaratan dan Tata Cara Pendaftaran Penduduk dan Pencatatan Sipil",
			"Peraturan Menteri PANRB Nomor 35 Tahun 2012 tentang Pedoman Penyusunan SOP Administrasi Pemerintahan",
		},
		units: []*unit{
			nil, // the sekretariat, filled in by init
			{
				line:   "BIDANG PELAYANAN PENDAFTARAN PENDUDUK",
				head:   "Kepala Bidang Pelayanan Pendaftaran Penduduk",
				sek:    true,
				subs:   []string{"Kepala Seksi Identitas Penduduk", "Kepala Seksi Pindah Datang Penduduk", "Kepala Seksi Pendataan Penduduk"},
				front:  "Petugas Loket Pelayanan",
				staff:  []string{"Verifikator Berkas Kependudukan", "Operator SIAK", "Pengadministrasi Kependudukan"},
				app:    "SIAK Terpusat",
				quals:  []string{"", "melalui Loket Pelayanan", "secara Daring", "melalui Layanan Jemput Bola", "di Mal Pelayanan Publik", "di Kantor Kecamatan"},
				groups: []string{"", "bagi Penduduk Rentan Administrasi Kependudukan", "bagi Orang Asing"},
				legal:  []string{"Peraturan Menteri Dalam Negeri Nomor 108 Tahun 2019 tentang Peraturan Pelaksanaan Peraturan Presiden Nomor 96 Tahun 2018", "Peraturan Menteri Dalam Negeri Nomor 73 Tahun 2022 tentang Pencatatan Nama pada Dokumen Kependudukan"},
				equip:  []string{"Komputer yang terhubung dengan SIAK Terpusat", "Alat perekaman KTP-el", "Printer dan blangko dokumen kependudukan", "Buku register pelayanan"},
				work: []work{
					{act: "Memverifikasi data pemohon dengan basis data kependudukan pada {app}", req: "Berkas permohonan, NIK", time: "15 menit", out: "Data terverifikasi"},
					{act: "Apakah data pemohon sesuai dengan basis data kependudukan?", req: "Data terverifikasi", time: "5 menit", out: "Hasil verifikasi", yes: "Sesuai", no: "Tidak sesuai", back: 0, note: "Ditolak dengan surat pemberitahuan"},
					{act: "Melakukan perekaman biometrik pemohon (foto, sidik jari, iris mata dan tanda tangan)", req: "Data terverifikasi", time: "10 menit", out: "Data biometrik", staff2: true},
					{act: "Menginput perubahan elemen data {obj} ke dalam {app}", req: "Formulir isian, dokumen pendukung", time: "15 menit", out: "Data terinput", staff2: true},
					{act: "Memeriksa hasil input dan memastikan tidak ada NIK ganda", req: "Data terinput", time: "10 menit", out: "Data tervalidasi", yes: "Valid", no: "Tidak valid", back: 1},
					{act: "Melakukan verifikasi lapangan terhadap domisili pemohon", req: "Berkas permohonan", time: "1 hari", out: "Berita acara verifikasi lapangan", joint: true},
					{act: "Mencetak draf {doc} untuk diperiksa", req: "Data tervalidasi", time: "5 menit", out: "Draf dokumen", staff2: true},
					{act: "Mencocokkan draf {doc} dengan berkas permohonan", req: "Draf dokumen, berkas permohonan", time: "10 menit", out: "Draf terperiksa"},
					{act: "Apakah draf {doc} sudah benar?", req: "Draf terperiksa", time: "5 menit", out: "Catatan koreksi", yes: "Benar", no: "Salah", back: 2},
				},
				svcs: []service{
					{name: "Penerbitan Kartu Keluarga Baru", obj: "kartu keluarga baru", doc: "Kartu Keluarga", reqs: "Formulir F-1.02, buku nikah atau akta perkawinan, surat keterangan pindah", ext: "Pemohon", sub: 0},
					{name: "Perubahan Data Kartu Keluarga", obj: "perubahan data kartu keluarga", doc: "Kartu Keluarga", reqs: "Formulir F-1.06, KK lama, dokumen bukti perubahan", ext: "Pemohon", sub: 0},
					{name: "Penerbitan KTP-el Baru", obj: "perekaman dan penerbitan KTP-el", doc: "KTP-el", reqs: "Fotokopi KK, surat pengantar desa atau kelurahan", ext: "Pemohon", sub: 0},
					{name: "Penggantian KTP-el Rusak atau Hilang", obj: "penggantian KTP-el", doc: "KTP-el pengganti", reqs: "KTP-el rusak atau surat keterangan kehilangan dari kepolisian, fotokopi KK", ext: "Pemohon", sub: 0},
					{name: "Penerbitan Kartu Identitas Anak", obj: "kartu identitas anak", doc: "Kartu Identitas Anak", reqs: "Fotokopi kutipan akta kelahiran, KK asli, pas foto anak", ext: "Pemohon", sub: 0},
					{name: "Penerbitan Surat Keterangan Pindah", obj: "surat keterangan pindah", doc: "Surat Keterangan Pindah", reqs: "Formulir F-1.03, KK asli, KTP-el", ext: "Pemohon", sub: 1},
					{name: "Pencatatan Kedatangan Penduduk Pindahan", obj: "pencatatan kedatangan penduduk", doc: "Kartu Keluarga dan KTP-el baru", reqs: "Surat Keterangan Pindah, KTP-el lama", ext: "Pemohon", sub: 1},
					{name: "Penerbitan Surat Keterangan Tempat Tinggal bagi Orang Asing", obj: "surat keterangan tempat tinggal", doc: "Surat Keterangan Tempat Tinggal", reqs: "Paspor, KITAS, surat sponsor", ext: "Pemohon", sub: 1, quals: []string{"-"}},
					{name: "Pendataan Penduduk Rentan Administrasi Kependudukan", obj: "pendataan penduduk rentan", doc: "laporan hasil pendataan", reqs: "Surat permohonan instansi sosial, daftar penduduk rentan", ext: "Instansi Pengusul", sub: 2, quals: []string{"-"}},
					{name: "Penerbitan Surat Keterangan Kependudukan", obj: "surat keterangan kependudukan", doc: "surat keterangan kependudukan", reqs: "Surat pengantar desa atau kelurahan, KK, KTP-el", ext: "Pemohon", sub: 2},
				},
			},
			{
				line:   "BIDANG PELAYANAN PENCATATAN SIPIL",
				head:   "Kepala Bidang Pelayanan Pencatatan Sipil",
				sek:    true,
				subs:   []string{"Kepala Seksi Kelahiran", "Kepala Seksi Perkawinan dan Perceraian", "Kepala Seksi Perubahan Status Anak, Pewarganegaraan dan Kematian"},
				front:  "Petugas Loket Pelayanan",
				staff:  []string{"Verifikator Data Pencatatan Sipil", "Pengadministrasi Register Akta", "Operator SIAK"},
				app:    "SIAK Terpusat",
				quals:  []string{"", "melalui Loket Pelayanan", "secara Daring", "melalui Layanan Jemput Bola", "melalui Anjungan Dukcapil Mandiri"},
				groups: []string{"", "bagi Warga Negara Asing", "bagi Penduduk Rentan Administrasi Kependudukan"},
				legal:  []string{"Peraturan Menteri Dalam Negeri Nomor 108 Tahun 2019 tentang Peraturan Pelaksanaan Peraturan Presiden Nomor 96 Tahun 2018", "Peraturan Menteri Dalam Negeri Nomor 109 Tahun 2019 tentang Formulir dan Buku yang Digunakan dalam Administrasi Kependudukan"},
				equip:  []string{"Komputer yang terhubung dengan SIAK Terpusat", "Blangko register akta", "Printer dan tinta khusus akta", "Stempel dan buku register akta"},
				work: []work{
					{act: "Meneliti keabsahan dokumen persyaratan {obj}", req: "Berkas persyaratan", time: "15 menit", out: "Berkas terteliti"},
					{act: "Apakah dokumen persyaratan sah dan memenuhi ketentuan?", req: "Berkas terteliti", time: "5 menit", out: "Hasil penelitian", yes: "Memenuhi", no: "Tidak memenuhi", back: 0, note: "Ditolak dengan alasan tertulis"},
					{act: "Menginput data {obj} ke dalam {app}", req: "Berkas terteliti", time: "15 menit", out: "Data terinput", staff2: true},
					{act: "Mencatat {obj} dalam buku register akta", req: "Data terinput", time: "10 menit", out: "Nomor register", staff2: true},
					{act: "Mencetak draf {doc} dan mencocokkannya dengan berkas persyaratan", req: "Data terinput, berkas persyaratan", time: "10 menit", out: "Draf akta"},
					{act: "Apakah draf {doc} sesuai dengan berkas persyaratan?", req: "Draf akta", time: "5 menit", out: "Catatan koreksi", yes: "Sesuai", no: "Tidak sesuai", back: 2},
					{act: "Membahas permohonan {obj} yang memerlukan pertimbangan khusus", req: "Berkas persyaratan, catatan verifikasi", time: "1 jam", out: "Catatan pertimbangan", joint: true},
					{act: "Mencetak {doc} pada blangko resmi", req: "Draf akta terperiksa", time: "5 menit", out: "Akta tercetak", staff2: true},
				},
				svcs: []service{
					{name: "Penerbitan Akta Kelahiran", obj: "pencatatan kelahiran", doc: "Kutipan Akta Kelahiran", reqs: "Formulir F-2.01, surat keterangan kelahiran, KK, KTP-el orang tua", ext: "Pemohon", sub: 0},
					{name: "Penerbitan Akta Kelahiran yang Melampaui Batas Waktu Pelaporan", obj: "pencatatan kelahiran terlambat", doc: "Kutipan Akta Kelahiran", reqs: "Formulir F-2.01, SPTJM kebenaran data kelahiran, KK", ext: "Pemohon", sub: 0},
					{name: "Penerbitan Akta Perkawinan", obj: "pencatatan perkawinan", doc: "Kutipan Akta Perkawinan", reqs: "Surat keterangan perkawinan dari pemuka agama, KK dan KTP-el kedua mempelai, pas foto berdampingan", ext: "Pemohon", sub: 1},
					{name: "Penerbitan Akta Perceraian", obj: "pencatatan perceraian", doc: "Kutipan Akta Perceraian", reqs: "Salinan putusan pengadilan yang berkekuatan hukum tetap, kutipan akta perkawinan", ext: "Pemohon", sub: 1},
					{name: "Penerbitan Akta Kematian", obj: "pencatatan kematian", doc: "Kutipan Akta Kematian", reqs: "Surat keterangan kematian, KK, KTP-el almarhum", ext: "Pemohon", sub: 2},
					{name: "Pencatatan Pengakuan Anak", obj: "pencatatan pengakuan anak", doc: "catatan pinggir pengakuan anak", reqs: "Surat pengakuan anak dari ayah biologis, persetujuan ibu kandung, kutipan akta kelahiran", ext: "Pemohon", sub: 2},
					{name: "Pencatatan Pengesahan Anak", obj: "pencatatan pengesahan anak", doc: "catatan pinggir pengesahan anak", reqs: "Kutipan akta kelahiran, kutipan akta perkawinan orang tua", ext: "Pemohon", sub: 2},
					{name: "Pencatatan Perubahan Nama", obj: "pencatatan perubahan nama", doc: "catatan pinggir perubahan nama", reqs: "Salinan penetapan pengadilan negeri, kutipan akta pencatatan sipil", ext: "Pemohon", sub: 2},
					{name: "Penerbitan Kutipan Kedua Akta Pencatatan Sipil", obj: "penerbitan kutipan kedua akta", doc: "kutipan kedua akta", reqs: "Surat keterangan kehilangan dari kepolisian, fotokopi akta", ext: "Pemohon", sub: 0},
					{name: "Pembetulan Akta Pencatatan Sipil", obj: "pembetulan akta", doc: "akta hasil pembetulan", reqs: "Akta yang akan dibetulkan, dokumen otentik pendukung", ext: "Pemohon", sub: 0},
				},
			},
			{
				line:  "BIDANG PENGELOLAAN INFORMASI ADMINISTRASI KEPENDUDUKAN",
				head:  "Kepala Bidang Pengelolaan Informasi Administrasi Kependudukan",
				sek:   true,
				subs:  []string{"Kepala Seksi Sistem Informasi Administrasi Kependudukan", "Kepala Seksi Pengolahan dan Penyajian Data Kependudukan", "Kepala Seksi Tata Kelola dan SDM Teknologi Informasi"},
				front: "Pengadministrasi Umum",
				staff: []string{"Pranata Komputer Ahli Pertama", "Pengelola Basis Data Kependudukan", "Analis Data dan Informasi"},
				app:   "SIAK Terpusat",
				legal: []string{"Peraturan Menteri Dalam Negeri Nomor 17 Tahun 2023 tentang Tata Cara Pemberian Hak Akses dan Pemanfaatan Data Kependudukan", "Peraturan Presiden Nomor 95 Tahun 2018 tentang Sistem Pemerintahan Berbasis Elektronik"},
				equip: []string{"Server dan perangkat jaringan SIAK", "Komputer dan aplikasi pemantauan jaringan", "Media penyimpanan cadangan", "Buku log kegiatan ruang server"},
				work: []work{
					{act: "Menelaah kebutuhan {obj} dan ketersediaan data pada {app}", req: "Surat permohonan, nota dinas", time: "1 hari", out: "Hasil telaahan"},
					{act: "Apakah permohonan memenuhi ketentuan pemanfaatan data kependudukan?", req: "Hasil telaahan", time: "1 jam", out: "Keputusan telaahan", yes: "Memenuhi", no: "Tidak memenuhi", back: 0, note: "Dijawab dengan surat penolakan"},
					{act: "Menyiapkan konfigurasi dan akun akses pada {app}", req: "Hasil telaahan", time: "2 jam", out: "Konfigurasi akses", staff2: true},
					{act: "Melakukan uji coba koneksi dan keamanan data", req: "Konfigurasi akses", time: "2 jam", out: "Berita acara uji coba", joint: true},
					{act: "Apakah hasil uji coba berjalan normal?", req: "Berita acara uji coba", time: "15 menit", out: "Catatan uji coba", yes: "Normal", no: "Gagal", back: 2},
					{act: "Mengolah dan memvalidasi data {obj}", req: "Data mentah dari {app}", time: "1 hari", out: "Data terolah", staff2: true},
					{act: "Menyusun tabel dan grafik penyajian data", req: "Data terolah", time: "1 hari", out: "Tabel dan grafik"},
					{act: "Mencatat kegiatan dalam buku log ruang server", req: "Buku log", time: "10 menit", out: "Log kegiatan", staff2: true},
				},
				svcs: []service{
					{name: "Pemberian Hak Akses Data Kependudukan", obj: "hak akses data kependudukan", doc: "surat persetujuan hak akses", reqs: "Surat permohonan, perjanjian kerja sama, pakta integritas", ext: "Lembaga Pengguna", sub: 0, quals: []string{"", "bagi Perangkat Daerah", "bagi Lembaga Perbankan", "bagi Badan Usaha Milik Daerah"}},
					{name: "Penyusunan Data Agregat Kependudukan", obj: "data agregat kependudukan", doc: "buku data agregat kependudukan", reqs: "Data konsolidasi kependudukan", sub: 1, quals: []string{"Semester I", "Semester II"}},
					{name: "Pemeliharaan Server dan Jaringan SIAK", obj: "pemeliharaan server dan jaringan", doc: "laporan pemeliharaan", reqs: "Jadwal pemeliharaan, buku log", sub: 2, quals: []string{"-"}},
					{name: "Pencadangan Basis Data Kependudukan", obj: "pencadangan basis data", doc: "berita acara pencadangan data", reqs: "Jadwal pencadangan, media penyimpanan", sub: 2, quals: []string{"-"}},
					{name: "Penanganan Gangguan Aplikasi SIAK", obj: "penanganan gangguan aplikasi", doc: "laporan penanganan gangguan", reqs: "Laporan gangguan, tangkapan layar", ext: "Operator Kecamatan", sub: 0, quals: []string{"-"}},
					{name: "Pelayanan Permohonan Data Kependudukan untuk Penelitian", obj: "permohonan data kependudukan", doc: "surat jawaban permohonan data", reqs: "Surat permohonan, proposal penelitian, KTP-el", ext: "Pemohon", sub: 1, quals: []string{"-"}},
					{name: "Pemutakhiran Data Kependudukan", obj: "pemutakhiran data kependudukan", doc: "laporan pemutakhiran data", reqs: "Data hasil pemadanan", sub: 1, quals: []string{"-"}},
				},
			},
		},
	},
	{
		name:       "BADAN KEPEGAWAIAN DAN PENGEMBANGAN SUMBER DAYA MANUSIA",
		code:       "800",
		abbrev:     "BKPSDM",
		head:       "Kepala Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
		sekretaris: "Sekretaris Badan",
		legal: []string{
			"Undang-Undang Nomor 20 Tahun 2023 tentang Aparatur Sipil Negara",
			"Peraturan Pemerintah Nomor 11 Tahun 2017 tentang Manajemen Pegawai Negeri Sipil sebagaimana telah diubah dengan Peraturan Pemerintah Nomor 17 Tahun 2020",
			"Peraturan Menteri PANRB Nomor 35 Tahun 2012 tentang Pedoman Penyusunan SOP Administrasi Pemerintahan",
		},
		units: []*unit{
			nil,
			{
				line:   "BIDANG PENGADAAN, PEMBERHENTIAN DAN INFORMASI KEPEGAWAIAN",
				head:   "Kepala Bidang Pengadaan, Pemberhentian dan Informasi Kepegawaian",
				sek:    true,
				subs:   []string{"Kepala Sub Bidang Pengadaan dan Pemberhentian", "Kepala Sub Bidang Data dan Informasi Kepegawaian"},
				front:  "Petugas Layanan Kepegawaian",
				staff:  []string{"Analis Kepegawaian", "Pengolah Data Kepegawaian", "Pranata Komputer"},
				app:    "aplikasi SIASN",
				quals:  []string{"", "secara Kolektif", "melalui Aplikasi SIASN"},
				groups: []string{"", "bagi Pejabat Fungsional", "bagi Pelaksana", "bagi Guru", "bagi Tenaga Kesehatan"},
				legal:  []string{"Peraturan Badan Kepegawaian Negara Nomor 3 Tahun 2020 tentang Petunjuk Teknis Pemberhentian Pegawai Negeri Sipil", "Peraturan Pemerintah Nomor 49 Tahun 2018 tentang Manajemen Pegawai Pemerintah dengan Perjanjian Kerja"},
				equip:  []string{"Komputer yang terhubung dengan SIASN", "Printer dan pemindai", "Buku agenda usul kepegawaian", "Map arsip pegawai"},
				work: []work{
					{act: "Memeriksa data pegawai yang diusulkan pada {app}", req: "Berkas usul, data SIASN", time: "30 menit", out: "Data pegawai terperiksa"},
					{act: "Apakah data pegawai pada {app} sesuai dengan berkas usul?", req: "Data pegawai terperiksa", time: "10 menit", out: "Hasil pemeriksaan", yes: "Sesuai", no: "Tidak sesuai", back: 1},
					{act: "Memindai berkas usul dan mengunggahnya ke {app}", req: "Berkas usul", time: "30 menit", out: "Dokumen elektronik", staff2: true},
					{act: "Menyusun daftar nominatif pegawai yang diusulkan", req: "Data pegawai terperiksa", time: "1 jam", out: "Daftar nominatif"},
					{act: "Membahas usul {obj} dalam rapat tim teknis", req: "Daftar nominatif", time: "2 jam", out: "Berita acara rapat", joint: true},
					{act: "Apakah usul memenuhi persyaratan menurut rapat tim teknis?", req: "Berita acara rapat", time: "15 menit", out: "Keputusan rapat", yes: "Memenuhi syarat", no: "Tidak memenuhi syarat", back: 0, note: "Usul dikembalikan dengan surat"},
					{act: "Mengirimkan usul {obj} secara elektronik melalui {app}", req: "Dokumen elektronik, daftar nominatif", time: "30 menit", out: "Usul terkirim", staff2: true},
					{act: "Memantau status usul pada {app} sampai pertimbangan teknis terbit", req: "Usul terkirim", time: "14 hari kerja", out: "Pertimbangan teknis"},
					{act: "Memutakhirkan data pegawai pada {app}", req: "Pertimbangan teknis", time: "30 menit", out: "Data mutakhir", staff2: true},
				},
				svcs: []service{
					{name: "Usul Pensiun Batas Usia Pensiun", obj: "usul pensiun", doc: "keputusan pemberhentian dengan hak pensiun", reqs: "Surat pengantar perangkat daerah, SK CPNS dan PNS, SK pangkat terakhir, daftar susunan keluarga", ext: "Perangkat Daerah Pengusul", sub: 0},
					{name: "Usul Pensiun Janda atau Duda", obj: "usul pensiun janda atau duda", doc: "keputusan pensiun janda atau duda", reqs: "Akta kematian, surat nikah, SK pangkat terakhir almarhum", ext: "Ahli Waris Pemohon", sub: 0, quals: []string{"-"}},
					{name: "Pemberhentian atas Permintaan Sendiri", obj: "pemberhentian atas permintaan sendiri", doc: "keputusan pemberhentian", reqs: "Surat permohonan berhenti, persetujuan kepala perangkat daerah", ext: "Pegawai Pemohon", sub: 0},
					{name: "Penerbitan Kartu Pegawai Elektronik", obj: "kartu pegawai elektronik", doc: "Kartu Pegawai Elektronik", reqs: "SK CPNS dan PNS, pas foto", ext: "Pegawai Pemohon", sub: 1},
					{name: "Penerbitan Kartu Istri atau Kartu Suami", obj: "kartu istri atau kartu suami", doc: "Karis/Karsu", reqs: "Akta perkawinan, laporan perkawinan pertama, pas foto suami istri", ext: "Pegawai Pemohon", sub: 1},
					{name: "Pemutakhiran Data Pegawai", obj: "pemutakhiran data pegawai", doc: "laporan pemutakhiran data pegawai", reqs: "Formulir pemutakhiran, dokumen pendukung", ext: "Pegawai Pemohon", sub: 1},
					{name: "Pengangkatan Calon Pegawai Negeri Sipil menjadi Pegawai Negeri Sipil", obj: "pengangkatan CPNS menjadi PNS", doc: "keputusan pengangkatan PNS", reqs: "SK CPNS, sertifikat pelatihan dasar, surat keterangan sehat", ext: "Perangkat Daerah Pengusul", sub: 0},
					{name: "Usul Pemberhentian karena Meninggal Dunia", obj: "usul pemberhentian karena meninggal dunia", doc: "keputusan pemberhentian", reqs: "Akta kematian, SK pangkat terakhir, daftar susunan keluarga", ext: "Perangkat Daerah Pengusul", sub: 0},
					{name: "Legalisasi Dokumen Kepegawaian", obj: "legalisasi dokumen kepegawaian", doc: "salinan dokumen yang dilegalisasi", reqs: "Dokumen asli, fotokopi dokumen", ext: "Pegawai Pemohon", sub: 1},
					{name: "Penerbitan Surat Keterangan Riwayat Kepegawaian", obj: "surat keterangan riwayat kepegawaian", doc: "surat keterangan riwayat kepegawaian", reqs: "Surat permohonan, SK pangkat terakhir", ext: "Pegawai Pemohon", sub: 1},
					{name: "Pengangkatan Pegawai Pemerintah dengan Perjanjian Kerja", obj: "pengangkatan PPPK", doc: "perjanjian kerja dan keputusan pengangkatan PPPK", reqs: "Pengumuman kelulusan, daftar riwayat hidup, surat keterangan sehat", ext: "Peserta Seleksi", sub: 0, quals: []string{"-"}},
				},
			},
			{
				line:   "BIDANG MUTASI DAN PROMOSI",
				head:   "Kepala Bidang Mutasi dan Promosi",
				sek:    true,
				subs:   []string{"Kepala Sub Bidang Kepangkatan", "Kepala Sub Bidang Mutasi Jabatan"},
				front:  "Petugas Layanan Kepegawaian",
				staff:  []string{"Analis Kepegawaian", "Pengolah Data Kepegawaian", "Penata Laporan Kepegawaian"},
				app:    "aplikasi SIASN",
				quals:  []string{"", "Periode April", "Periode Oktober"},
				groups: []string{"", "bagi Guru", "bagi Tenaga Kesehatan", "bagi Penyuluh Pertanian", "bagi Pejabat Fungsional"},
				legal:  []string{"Peraturan Badan Kepegawaian Negara Nomor 4 Tahun 2023 tentang Kenaikan Pangkat", "Peraturan Badan Kepegawaian Negara Nomor 5 Tahun 2019 tentang Tata Cara Pelaksanaan Mutasi"},
				equip:  []string{"Komputer yang terhubung dengan SIASN", "Printer dan pemindai", "Buku agenda usul kepegawaian", "Map arsip pegawai"},
				work: []work{
					{act: "Memverifikasi berkas usul {obj} dengan data pada {app}", req: "Berkas usul", time: "30 menit", out: "Berkas terverifikasi"},
					{act: "Apakah berkas usul memenuhi syarat?", req: "Berkas terverifikasi", time: "10 menit", out: "Hasil verifikasi", yes: "Memenuhi syarat", no: "Tidak memenuhi syarat", back: 0, note: "Usul dikembalikan dengan surat"},
					{act: "Menghitung masa kerja golongan dan angka kredit pegawai yang diusulkan", req: "Berkas terverifikasi, PAK", time: "1 jam", out: "Perhitungan masa kerja", staff2: true},
					{act: "Menyusun nota usul {obj} di {app}", req: "Perhitungan masa kerja", time: "1 jam", out: "Nota usul"},
					{act: "Memeriksa kembali nota usul terhadap berkas pendukung", req: "Nota usul, berkas pendukung", time: "30 menit", out: "Nota usul terperiksa", yes: "Benar", no: "Perlu perbaikan", back: 1, staff2: true},
					{act: "Membahas usul {obj} dalam rapat Badan Pertimbangan Jabatan dan Kepangkatan", req: "Nota usul terperiksa", time: "2 jam", out: "Berita acara Baperjakat", joint: true},
					{act: "Mengunggah nota usul dan dokumen pendukung ke {app}", req: "Nota usul, dokumen pendukung", time: "30 menit", out: "Usul terkirim", staff2: true},
					{act: "Memantau persetujuan teknis Badan Kepegawaian Negara pada {app}", req: "Usul terkirim", time: "14 hari kerja", out: "Persetujuan teknis"},
				},
				svcs: []service{
					{name: "Usul Kenaikan Pangkat Reguler", obj: "kenaikan pangkat reguler", doc: "keputusan kenaikan pangkat", reqs: "SK pangkat terakhir, SKP dua tahun terakhir, surat pengantar perangkat daerah", ext: "Perangkat Daerah Pengusul", sub: 0},
					{name: "Usul Kenaikan Pangkat Pilihan Jabatan Fungsional", obj: "kenaikan pangkat jabatan fungsional", doc: "keputusan kenaikan pangkat", reqs: "SK pangkat terakhir, PAK asli, SK jabatan fungsional", ext: "Perangkat Daerah Pengusul", sub: 0},
					{name: "Usul Kenaikan Pangkat Pilihan Jabatan Struktural", obj: "kenaikan pangkat jabatan struktural", doc: "keputusan kenaikan pangkat", reqs: "SK pangkat terakhir, SK jabatan, surat pernyataan pelantikan", ext: "Perangkat Daerah Pengusul", sub: 0},
					{name: "Usul Kenaikan Pangkat Penyesuaian Ijazah", obj: "kenaikan pangkat penyesuaian ijazah", doc: "keputusan kenaikan pangkat", reqs: "Ijazah dan transkrip legalisir, surat tanda lulus ujian penyesuaian", ext: "Perangkat Daerah Pengusul", sub: 0},
					{name: "Mutasi Pegawai antar Perangkat Daerah", obj: "mutasi pegawai", doc: "keputusan mutasi", reqs: "Surat permohonan pindah, persetujuan kepala perangkat daerah asal dan tujuan", ext: "Pegawai Pemohon", sub: 1, quals: []string{"-"}},
					{name: "Pindah Masuk Pegawai Negeri Sipil dari Instansi Lain", obj: "pindah masuk PNS", doc: "keputusan pindah masuk", reqs: "Persetujuan pelepasan instansi asal, SK pangkat terakhir, analisis jabatan", ext: "Pegawai Pemohon", sub: 1, quals: []string{"-"}},
					{name: "Pindah Keluar Pegawai Negeri Sipil ke Instansi Lain", obj: "pindah keluar PNS", doc: "surat persetujuan pindah", reqs: "Surat permohonan, persetujuan penerimaan instansi tujuan", ext: "Pegawai Pemohon", sub: 1, quals: []string{"-"}},
					{name: "Penerbitan Surat Keterangan Lolos Butuh", obj: "surat keterangan lolos butuh", doc: "surat keterangan lolos butuh", reqs: "Surat permohonan, persetujuan atasan langsung, SK pangkat terakhir", ext: "Pegawai Pemohon", sub: 1},
					{name: "Pelantikan Pejabat Administrator dan Pengawas", obj: "pelantikan pejabat", doc: "keputusan pengangkatan dalam jabatan", reqs: "Berita acara Baperjakat, daftar calon pejabat", sub: 1, quals: []string{"-"}},
					{name: "Pencantuman Gelar Akademik", obj: "pencantuman gelar akademik", doc: "surat pencantuman gelar", reqs: "Ijazah dan transkrip legalisir, surat izin belajar", ext: "Pegawai Pemohon", sub: 0, quals: []string{"-"}},
				},
			},
			{
				line:   "BIDANG PENGEMBANGAN KOMPETENSI APARATUR",
				head:   "Kepala Bidang Pengembangan Kompetensi Aparatur",
				sek:    true,
				subs:   []string{"Kepala Sub Bidang Pendidikan dan Pelatihan", "Kepala Sub Bidang Pengembangan Karier"},
				front:  "Petugas Layanan Kepegawaian",
				staff:  []string{"Analis Sumber Daya Manusia Aparatur", "Pengelola Pendidikan dan Pelatihan", "Pengadministrasi Kepegawaian"},
				app:    "aplikasi Sistem Informasi Pengembangan Kompetensi",
				quals:  []string{"", "secara Daring"},
				groups: []string{"", "bagi Pejabat Fungsional", "bagi Pelaksana", "bagi Guru", "bagi Tenaga Kesehatan"},
				legal:  []string{"Peraturan Lembaga Administrasi Negara Nomor 10 Tahun 2018 tentang Pengembangan Kompetensi Pegawai Negeri Sipil", "Peraturan Menteri PANRB Nomor 28 Tahun 2019 tentang Penyetaraan Jabatan Administrasi ke dalam Jabatan Fungsional"},
				equip:  []string{"Komputer dan jaringan internet", "Aplikasi pengembangan kompetensi", "Printer dan pemindai", "Ruang rapat"},
				work: []work{
					{act: "Memverifikasi kesesuaian {obj} dengan analisis kebutuhan pengembangan kompetensi", req: "Berkas usul, dokumen analisis kebutuhan", time: "1 jam", out: "Hasil verifikasi"},
					{act: "Apakah usul sesuai dengan rencana pengembangan kompetensi?", req: "Hasil verifikasi", time: "15 menit", out: "Keputusan verifikasi", yes: "Sesuai", no: "Tidak sesuai", back: 0, note: "Dijawab dengan surat penolakan"},
					{act: "Menyusun jadwal dan daftar peserta {obj}", req: "Hasil verifikasi", time: "1 hari", out: "Jadwal dan daftar peserta", staff2: true},
					{act: "Berkoordinasi dengan lembaga penyelenggara mengenai kuota dan biaya", req: "Jadwal dan daftar peserta", time: "2 hari kerja", out: "Surat konfirmasi penyelenggara"},
					{act: "Membahas kelayakan calon peserta {obj}", req: "Daftar peserta, surat konfirmasi", time: "1 jam", out: "Catatan pembahasan", joint: true},
					{act: "Apakah kuota dan anggaran mencukupi?", req: "Catatan pembahasan, DPA", time: "15 menit", out: "Keputusan kuota", yes: "Cukup", no: "Tidak cukup", back: 2, staff2: true},
					{act: "Menginput data peserta ke dalam {app}", req: "Daftar peserta", time: "30 menit", out: "Data terinput", staff2: true},
					{act: "Menghimpun laporan dan sertifikat peserta setelah kegiatan selesai", req: "Laporan peserta", time: "7 hari kerja", out: "Arsip sertifikat"},
				},
				svcs: []service{
					{name: "Pemberian Izin Belajar", obj: "izin belajar", doc: "surat izin belajar", reqs: "Surat permohonan, surat keterangan diterima perguruan tinggi, akreditasi program studi", ext: "Pegawai Pemohon", sub: 1},
					{name: "Pemberian Tugas Belajar", obj: "tugas belajar", doc: "keputusan tugas belajar", reqs: "Surat permohonan, letter of acceptance, rekomendasi atasan", ext: "Pegawai Pemohon", sub: 1},
					{name: "Pengiriman Peserta Pelatihan Kepemimpinan", obj: "pengiriman peserta pelatihan kepemimpinan", doc: "surat tugas peserta pelatihan", reqs: "Surat panggilan lembaga penyelenggara, daftar calon peserta", sub: 0, quals: []string{"Administrator", "Pengawas", "Nasional Tingkat II"}},
					{name: "Penyusunan Analisis Kebutuhan Pengembangan Kompetensi", obj: "analisis kebutuhan pengembangan kompetensi", doc: "dokumen analisis kebutuhan", reqs: "Data kompetensi pegawai, rencana strategis", sub: 0, quals: []string{"-"}},
					{name: "Pelaksanaan Uji Kompetensi Jabatan Fungsional", obj: "uji kompetensi", doc: "keputusan hasil uji kompetensi", reqs: "Surat usul, portofolio peserta", ext: "Perangkat Daerah Pengusul", sub: 1},
					{name: "Penyelenggaraan Orientasi Pegawai Baru", obj: "orientasi pegawai baru", doc: "laporan penyelenggaraan orientasi", reqs: "Daftar pegawai baru, kurikulum orientasi", sub: 0, quals: []string{"bagi CPNS", "bagi PPPK"}},
					{name: "Fasilitasi Pelatihan Teknis", obj: "pelatihan teknis", doc: "surat tugas peserta pelatihan", reqs: "Surat usul, brosur pelatihan", ext: "Perangkat Daerah Pengusul", sub: 0},
				},
			},
			{
				line:   "BIDANG PENILAIAN KINERJA APARATUR DAN PENGHARGAAN",
				head:   "Kepala Bidang Penilaian Kinerja Aparatur dan Penghargaan",
				sek:    true,
				subs:   []string{"Kepala Sub Bidang Penilaian Kinerja", "Kepala Sub Bidang Disiplin dan Penghargaan"},
				front:  "Petugas Layanan Kepegawaian",
				staff:  []string{"Analis Kinerja", "Pemeriksa Disiplin Pegawai", "Pengadministrasi Kepegawaian"},
				app:    "aplikasi e-Kinerja",
				quals:  []string{"", "secara Kolektif"},
				groups: []string{"", "bagi Pegawai Negeri Sipil", "bagi PPPK"},
				legal:  []string{"Peraturan Pemerintah Nomor 94 Tahun 2021 tentang Disiplin Pegawai Negeri Sipil", "Peraturan Menteri PANRB Nomor 6 Tahun 2022 tentang Pengelolaan Kinerja Pegawai Aparatur Sipil Negara"},
				equip:  []string{"Komputer dan jaringan internet", "Aplikasi e-Kinerja", "Ruang pemeriksaan", "Printer dan alat tulis kantor"},
				work: []work{
					{act: "Menelaah berkas {obj} beserta bukti pendukungnya", req: "Berkas usul, bukti pendukung", time: "1 hari", out: "Hasil telaahan"},
					{act: "Apakah berkas memenuhi syarat untuk diproses?", req: "Hasil telaahan", time: "15 menit", out: "Keputusan telaahan", yes: "Memenuhi syarat", no: "Tidak memenuhi syarat", back: 0, note: "Berkas dikembalikan dengan surat"},
					{act: "Memanggil pegawai yang bersangkutan untuk dimintai keterangan", req: "Surat panggilan", time: "7 hari kerja", out: "Surat panggilan", staff2: true},
					{act: "Memeriksa pegawai yang bersangkutan dan menuangkan hasilnya dalam berita acara pemeriksaan", req: "Surat panggilan, daftar pertanyaan", time: "2 jam", out: "Berita acara pemeriksaan", joint: true},
					{act: "Merekapitulasi capaian kinerja pegawai dari {app}", req: "Data {app}", time: "1 hari", out: "Rekapitulasi kinerja", staff2: true},
					{act: "Apakah rekapitulasi sesuai dengan data presensi?", req: "Rekapitulasi kinerja, data presensi", time: "30 menit", out: "Catatan selisih", yes: "Sesuai", no: "Tidak sesuai", back: 1},
					{act: "Menyusun daftar nominasi dan pertimbangan {obj}", req: "Hasil telaahan", time: "1 hari", out: "Daftar nominasi"},
				},
				svcs: []service{
					{name: "Usul Penganugerahan Tanda Kehormatan Satyalancana Karya Satya", obj: "usul tanda kehormatan", doc: "surat usul tanda kehormatan", reqs: "Daftar riwayat hidup, surat pernyataan tidak pernah dijatuhi hukuman disiplin", ext: "Perangkat Daerah Pengusul", sub: 1, quals: []string{"X Tahun", "XX Tahun", "XXX Tahun"}},
					{name: "Penjatuhan Hukuman Disiplin", obj: "penjatuhan hukuman disiplin", doc: "keputusan hukuman disiplin", reqs: "Laporan dugaan pelanggaran, berita acara pemeriksaan", ext: "Atasan Langsung Pegawai", sub: 1, quals: []string{"Tingkat Ringan", "Tingkat Sedang", "Tingkat Berat"}},
					{name: "Rekapitulasi Penilaian Kinerja Pegawai", obj: "penilaian kinerja pegawai", doc: "laporan rekapitulasi penilaian kinerja", reqs: "Dokumen evaluasi kinerja, data {app}", sub: 0, quals: []string{"Triwulanan", "Tahunan"}},
					{name: "Penghitungan Tambahan Penghasilan Pegawai", obj: "tambahan penghasilan pegawai", doc: "daftar nominatif tambahan penghasilan", reqs: "Rekapitulasi kinerja, data presensi", sub: 0, quals: []string{"Bulanan", "Triwulanan"}},
					{name: "Usul Pemberian Penghargaan Pegawai Teladan", obj: "usul penghargaan pegawai teladan", doc: "keputusan penetapan pegawai teladan", reqs: "Surat usul, daftar riwayat hidup, capaian kinerja dua tahun terakhir", ext: "Perangkat Daerah Pengusul", sub: 1},
					{name: "Pembinaan Pegawai yang Tidak Memenuhi Target Kinerja", obj: "pembinaan pegawai", doc: "surat rekomendasi pembinaan", reqs: "Hasil evaluasi kinerja, laporan atasan langsung", ext: "Atasan Langsung Pegawai", sub: 0},
					{name: "Penyusunan Laporan Disiplin Pegawai", obj: "laporan disiplin pegawai", doc: "laporan disiplin pegawai", reqs: "Rekapitulasi presensi, keputusan hukuman disiplin", sub: 1, quals: []string{"Semesteran", "Tahunan"}},
					{name: "Pemberian Izin Perceraian Pegawai Negeri Sipil", obj: "izin perceraian", doc: "surat izin perceraian", reqs: "Surat permohonan, berita acara pembinaan atasan, akta perkawinan", ext: "Pegawai Pemohon", sub: 1, quals: []string{"-"}},
					{name: "Penanganan Pengaduan Pelanggaran Disiplin", obj: "pengaduan pelanggaran disiplin", doc: "laporan hasil penanganan pengaduan", reqs: "Surat pengaduan, bukti awal", ext: "Pelapor", sub: 1, quals: []string{"-"}},
				},
			},
		},
	},
}

func init() {
	for i := range offices {
		offices[i].units[0] = secretariat(offices[i].sekretaris)
	}
}

// regencies are the fictitious local governments of a corpus.
var regencies = []struct{ line, name string }{
	{"PEMERINTAH KABUPATEN SUKAMAJU", "Kabupaten Sukamaju"},
	{"PEMERINTAH KOTA MEKARSARI", "Kota Mekarsari"},
	{"PEMERINTAH KABUPATEN TANJUNG HARAPAN", "Kabupaten Tanjung Harapan"},
	{"PEMERINTAH KABUPATEN WANASARI", "Kabupaten Wanasari"},
	{"PEMERINTAH KOTA BUKIT PERMAI", "Kota Bukit Permai"},
}

var (
	// first names of men and of women, and their prefixes
	firstNames = [2][]string{{"Ahmad", "Bambang", "Agus", "Hendra", "Teguh", "Rudi", "Joko", "Eko"}, {"Sri", "Dewi", "Rina", "Yuliana", "Fitriani", "Wahyuni", "Ratna", "Siti"}}
	prefixes   = [2][]string{{"Drs. ", "Ir. ", "Dr. ", "H. ", ""}, {"Dra. ", "Ir. ", "Dr. ", "Hj. ", ""}}
	lastNames  = []string{"Setiawan", "Rahayu", "Nugroho", "Kusumawati", "Hidayat", "Lestari", "Santoso", "Permatasari", "Wibowo", "Handayani", "Saputra", "Maharani"}
	suffixes   = []string{", S.H., M.H.", ", S.Sos., M.Si.", ", S.E., M.M.", ", S.STP., M.AP.", ", S.Kom., M.T."}
	masters    = []string{", M.Si.", ", M.M.", ", M.T.", ", M.AP."} // after Drs., Dra. and Ir., which are the first degree
	ranks      = []string{"Pembina Tingkat I (IV/b)", "Pembina Utama Muda (IV/c)", "Pembina Utama Madya (IV/d)"}
)

// Common identity items of every SOP.
var (
	qualifications = []string{
		"Memahami peraturan perundang-undangan di bidang tugasnya",
		"Mampu mengoperasikan komputer dan aplikasi pendukung",
		"Memahami tata naskah dinas",
		"Memiliki kemampuan berkomunikasi dan melayani dengan baik",
		"Teliti dan cermat dalam memeriksa dokumen",
	}
	warnings = []string{
		"Apabila prosedur ini tidak dilaksanakan, pelayanan akan terhambat dan menimbulkan keluhan",
		"Berkas yang tidak lengkap tidak dapat diproses",
		"Petugas dilarang memungut biaya di luar ketentuan",
		"Keterlambatan penyelesaian harus diberitahukan kepada pemohon",
		"Kerahasiaan data pribadi wajib dijaga",
	}
	records = []string{
		"Buku agenda/register",
		"Arsip berkas permohonan",
		"Arsip dokumen yang diterbitkan",
		"Data pada aplikasi",
		"Tanda terima",
	}
)

// Processing activities of every unit, before and after the unit's own.
var (
	workBefore = []work{
		{act: "Menyusun daftar periksa kelengkapan {obj}", req: "Berkas {obj}", time: "15 menit", out: "Daftar periksa"},
		{act: "Memastikan keabsahan tanda tangan dan stempel pada dokumen pendukung", req: "Dokumen pendukung", time: "15 menit", out: "Dokumen terperiksa", staff2: true},
		{act: "Melakukan klarifikasi data {obj} dengan instansi terkait bila diperlukan", req: "Dokumen terperiksa", time: "1 hari", out: "Hasil klarifikasi"},
	}
	workAfter = []work{
		{act: "Menyusun rekapitulasi hasil pemrosesan {obj}", req: "Hasil pemrosesan", time: "30 menit", out: "Rekapitulasi", staff2: true},
		{act: "Menyusun telaahan staf mengenai {obj}", req: "Rekapitulasi", time: "1 hari", out: "Telaahan staf"},
		{act: "Menginput hasil pemrosesan {obj} ke dalam {app}", req: "Telaahan staf", time: "30 menit", out: "Data terinput", staff2: true},
		{act: "Mencetak bukti proses dari {app}", req: "Data terinput", time: "5 menit", out: "Bukti proses", staff2: true},
	}
)

// Texts of the steps that every procedure has.
var (
	startApply = []string{
		"Mengajukan permohonan {obj} dengan melampirkan persyaratan",
		"Menyampaikan berkas permohonan {obj} beserta persyaratannya",
		"Mengisi formulir dan menyerahkan berkas persyaratan {obj}",
	}
	startInbox = []string{
		"Menerima nota dinas atau surat terkait {obj} dan mencatatnya dalam buku agenda",
		"Menerima dokumen {obj} dan mengagendakannya",
	}
	startStaff = []string{
		"Menghimpun bahan dan data {obj}",
		"Menyiapkan bahan dan data {obj} sesuai jadwal",
	}
	checkApply = []string{
		"Memeriksa kelengkapan dan keabsahan berkas persyaratan {obj}",
		"Meneliti kelengkapan berkas permohonan {obj}",
	}
	register = []string{
		"Mencatat permohonan dalam buku register dan memberikan tanda terima kepada pemohon",
		"Mengagendakan berkas permohonan dan menyerahkan bukti pendaftaran",
	}
	dispose = []string{
		"Menerima berkas {obj} dan mendisposisikannya kepada {next}",
		"Memberikan disposisi atas berkas {obj} kepada {next}",
	}
	draft = []string{
		"Menyusun konsep {doc} dan menyampaikannya kepada {next}",
		"Membuat konsep {doc} berdasarkan hasil pemeriksaan dan menyampaikannya kepada {next}",
		"Menyiapkan konsep {doc} beserta lampirannya dan meneruskannya kepada {next}",
	}
	reviewQ = []string{
		"Meneliti konsep {doc}",
		"Memeriksa dan memaraf konsep {doc}",
		"Mengoreksi konsep {doc}",
	}
	reviewP = []string{
		"Memaraf konsep {doc} dan meneruskannya kepada {next}",
		"Memeriksa konsep {doc} dan meneruskannya kepada {next}",
	}
	reviewLabels = [][2]string{{"Setuju", "Tidak setuju"}, {"Setuju", "Perbaikan"}, {"Benar", "Salah"}, {"Disetujui", "Dikembalikan"}}
	sign         = []string{
		"Menandatangani {doc}",
		"Menandatangani {doc} secara elektronik",
		"Menyetujui dan menandatangani {doc}",
	}
	signQ = []string{
		"Menelaah dan menandatangani {doc}",
	}
	number = []string{
		"Memberi nomor, tanggal dan stempel pada {doc}",
		"Mengagendakan dan membubuhkan nomor pada {doc}",
	}
	handover = []string{
		"Menyerahkan {doc} kepada pemohon dan meminta tanda tangan pada tanda terima",
		"Menyampaikan {doc} kepada pemohon",
	}
	receive = []string{
		"Menerima {doc}",
		"Menerima {doc} dan menandatangani tanda terima",
	}
	archive = []string{
		"Mengarsipkan salinan {doc} dan berkas pendukungnya",
		"Mengarsipkan {doc} beserta berkas permohonan",
		"Menyimpan arsip {doc} dan memutakhirkan buku register",
	}
	reject = []string{
		"Menyampaikan surat pemberitahuan penolakan beserta alasannya kepada pemohon",
		"Mengembalikan berkas kepada pemohon dengan surat penjelasan",
	}
)
