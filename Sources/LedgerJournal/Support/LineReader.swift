// LineReader now lives in SafeIO (regular files only, a cap on every line). Re-exported so that
// code importing LedgerLog keeps finding it.
@_exported public import SafeIO
