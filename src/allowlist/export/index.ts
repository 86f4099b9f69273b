export { EXPORT_FORMATS, exportAllowlist, parseExportFormat, type ExportFormat, type ExportMode, type ExportOptions, type ExportedFile } from './formats.js';
