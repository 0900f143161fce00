import VTFCommands

// buildCommit and buildTreeModified come from BuildStamp.swift, which the BuildStamp plugin
// writes before every build (Plugins/BuildStamp).
VTFMain.run(build: BuildInfo(commit: buildCommit, treeModified: buildTreeModified))
