export { type AppendFile, dropTornTail, openAppendFile } from "./append-file.js";
export { clerkCsvFileSource } from "./clerk-csv-file.js";
export { readIdMapFile, readPendingPasswords } from "./id-map-read.js";
export { exists, type FileSink, openIdMapFile, openJournalFile, readJournalFile, readResumeState } from "./journal-file.js";
export { type JournalTotals, type ReportLine, reportLine, writeReportFromJournal } from "./report-file.js";
export { type CliIo, EXIT, runCli } from "../cli/main.js";
