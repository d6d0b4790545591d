package main

import "github.com/spf13/cobra"

// extraCommands are the commands of the grading and web layers.
func (a *app) extraCommands() []*cobra.Command {
	return []*cobra.Command{a.gradeCommand(), a.batchCommand(), a.evalCommand(), a.serveCommand(), a.questionsCommand(), a.nextCommand(), a.benchCommand(), a.healthcheckCommand()}
}
