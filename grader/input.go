package grader

import "fmt"

// InputError is bad input with a stable reason and its parameters, so that
// a page can say it in its own language ("answer_too_long", limit 10000)
// while the API and the CLI keep the English message. It is an ErrBadInput.
type InputError struct {
	Reason string
	Params map[string]any
	msg    string
}

func (e *InputError) Error() string { return ErrBadInput.Error() + ": " + e.msg }

// Unwrap makes an InputError an ErrBadInput.
func (e *InputError) Unwrap() error { return ErrBadInput }

// Message is the English message without the ErrBadInput prefix.
func (e *InputError) Message() string { return e.msg }

// badInput is an InputError; params are name/value pairs.
func badInput(reason, format string, params ...any) *InputError {
	ps := map[string]any{}
	var args []any
	for i := 0; i+1 < len(params); i += 2 {
		ps[fmt.Sprint(params[i])] = params[i+1]
		args = append(args, params[i+1])
	}
	return &InputError{Reason: reason, Params: ps, msg: fmt.Sprintf(format, args...)}
}
