import { useEffect, useRef, useState, type InputHTMLAttributes, type Ref } from 'react'

interface DebouncedInputProps extends Omit<
  InputHTMLAttributes<HTMLInputElement>,
  'value' | 'onChange' | 'defaultValue'
> {
  value: string
  /** Called a moment after typing stops, on Enter and on leaving the field. */
  onCommit: (value: string) => void
  delayMs?: number
  inputRef?: Ref<HTMLInputElement>
}

/**
 * A text field that reports its value once typing pauses, so a filter is not recomputed on every
 * key. It follows `value` when that changes from outside (a filter cleared elsewhere).
 */
export function DebouncedInput({
  value,
  onCommit,
  delayMs = 250,
  inputRef,
  onKeyDown,
  onBlur,
  ...rest
}: DebouncedInputProps) {
  const [text, setText] = useState(value)
  const [committed, setCommitted] = useState(value)
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)

  // Follows a value changed from outside (a chip cleared it) without losing what is being typed.
  if (value !== committed) {
    setCommitted(value)
    setText(value)
  }

  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current)
    },
    [],
  )

  const commit = (next: string) => {
    if (timer.current) clearTimeout(timer.current)
    timer.current = null
    if (next === committed) return
    setCommitted(next)
    onCommit(next)
  }

  return (
    <input
      {...rest}
      ref={inputRef}
      value={text}
      onChange={(event) => {
        const next = event.target.value
        setText(next)
        if (timer.current) clearTimeout(timer.current)
        timer.current = setTimeout(() => commit(next), delayMs)
      }}
      onKeyDown={(event) => {
        if (event.key === 'Enter') commit(text)
        // Escape in a field with text clears the text only; the panel around it stays open.
        if (event.key === 'Escape' && text !== '' && rest.type === 'search') {
          event.stopPropagation()
        }
        onKeyDown?.(event)
      }}
      onBlur={(event) => {
        commit(text)
        onBlur?.(event)
      }}
    />
  )
}
