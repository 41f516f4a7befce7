/**
 * Catches render errors of a page so one broken widget does not blank the whole app.
 */
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { Alert, Button, Code, Stack } from '@mantine/core';

interface State {
  error: Error | null;
}

export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  componentDidCatch(error: Error, info: ErrorInfo): void {
    // The console is where developers look; e2e tests fail on it, which is the point.
    console.error('Vigil UI error:', error, info.componentStack);
  }

  render() {
    if (!this.state.error) return this.props.children;
    return (
      <Stack p="md" maw={640}>
        <Alert color="red" title="This page failed to render" role="alert">
          <Code block>{this.state.error.message}</Code>
        </Alert>
        <Button w="fit-content" onClick={() => this.setState({ error: null })}>
          Try again
        </Button>
      </Stack>
    );
  }
}
