import ArgumentParser
import Testing
import VTFCommands

/// The man page (Scripts/install-docs, generate-manual) is built from each command's abstract and
/// discussion: every command has both, so no entry of `man vtf` is a bare name (issue 13 item 7).
@Suite("Man page text")
struct ManualPageTests {
    @Test func everyCommandHasAnAbstractAndADiscussion() {
        for (path, type) in HelpTests.allCommands() {
            #expect(!type.configuration.abstract.isEmpty, "\(path) has no abstract")
            #expect(!type.configuration.discussion.isEmpty, "\(path) has no discussion")
        }
    }
}
