// Package codecheck holds tests of the code's shape that no linter makes:
// no function of the generator longer than a reader can hold (see
// TestFunctionLength). It has no code of its own.
package codecheck
