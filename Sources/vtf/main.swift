import VTFCLI

// buildCommit and buildTreeModified come from BuildStamp.swift, which the BuildStamp plugin
// writes whenever git's HEAD, index or a tracked file changes (Plugins/BuildStamp).
await VTFMain.run(build: BuildInfo(commit: buildCommit, treeModified: buildTreeModified))
