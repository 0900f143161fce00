import VTFCommands

VTFMain.run()
