import '../../styles/intake.css';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { FormProvider, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { call } from '../../api/client';
import { describeError } from '../../api/errors';
import { useNavStore } from '../../app/navStore';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { Notice } from '../../ui/Notice';
import { defaultIntake, intakeResolver, STEPS, toIntake, type IntakeValues, type StepId } from './intakeForm';
import { ReviewStep } from './ReviewStep';
import { ConsentStep, IdentityStep, ProfileStep, RiskStep } from './steps';

const FOCUSABLE = 'input:not([type="hidden"]):not([tabindex="-1"]), [role="spinbutton"], button:not([tabindex="-1"]), textarea';

/**
 * Intake: the essentials of a new case in four short steps and a review, then `cases.create`
 * and the new case opens. Each step is checked by the contract's own schema before moving on;
 * while anything was entered, leaving the page asks first.
 */
export function IntakeWizard() {
  const { t } = useTranslation();
  const [defaults] = useState(defaultIntake);
  const form = useForm<IntakeValues>({ resolver: intakeResolver, defaultValues: defaults, mode: 'onSubmit' });
  const [step, setStep] = useState(0);
  const [attempted, setAttempted] = useState<Set<StepId>>(new Set());
  const [invalid, setInvalid] = useState(false);
  const [creating, setCreating] = useState(false);
  const [createError, setCreateError] = useState<string | null>(null);
  const [leave, setLeave] = useState<(() => void) | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const stepRef = useRef<HTMLDivElement>(null);
  const moved = useRef(false);
  const isDirty = form.formState.isDirty;
  const id: StepId = STEPS[step] ?? 'identity';

  // Leaving with something entered asks first (the guard holds the navigation).
  useEffect(() => {
    const nav = useNavStore.getState();
    if (isDirty) {
      nav.setGuard((proceed) => {
        setLeave(() => proceed);
        return false;
      });
    } else {
      nav.setGuard(null);
    }
  }, [isDirty]);
  useEffect(() => () => useNavStore.getState().setGuard(null), []);

  // Once a step was refused, its messages follow every change (and go away when fixed).
  useEffect(() => {
    if (id === 'review' || !attempted.has(id)) return;
    const subscription = form.watch(() => {
      void form.trigger(id).then((ok) => setInvalid(!ok));
    });
    return () => subscription.unsubscribe();
  }, [form, id, attempted]);

  // A new step: focus its heading, so that it is read out and Tab starts from the top.
  useEffect(() => {
    if (!moved.current) return;
    headingRef.current?.focus();
  }, [step]);

  const goTo = (next: number) => {
    moved.current = true;
    setInvalid(false);
    setCreateError(null);
    setStep(next);
  };

  const focusFirstError = () => {
    window.requestAnimationFrame(() => {
      const field = stepRef.current?.querySelector('[data-invalid]');
      field?.querySelector<HTMLElement>(FOCUSABLE)?.focus();
    });
  };

  const create = async () => {
    const ok = await form.trigger();
    if (!ok) {
      const errors = form.formState.errors;
      const first = STEPS.findIndex((s) => s !== 'review' && errors[s]);
      const firstId = STEPS[first];
      if (firstId) {
        setAttempted((a) => new Set(a).add(firstId));
        goTo(first);
        setInvalid(true);
      }
      return;
    }
    setCreating(true);
    setCreateError(null);
    try {
      const header = await call('cases.create', toIntake(form.getValues()));
      const nav = useNavStore.getState();
      nav.setGuard(null);
      nav.openCase(header.id);
    } catch (error) {
      setCreateError(describeError(t, error));
      setCreating(false);
    }
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (creating) return;
    if (id === 'review') {
      await create();
      return;
    }
    setAttempted((a) => new Set(a).add(id));
    const ok = await form.trigger(id);
    setInvalid(!ok);
    if (!ok) {
      focusFirstError();
      return;
    }
    goTo(step + 1);
  };

  return (
    <div className="page intake-page">
      <div className="page-header">
        <h1 className="page-title" tabIndex={-1}>
          {t('intake.title')}
        </h1>
        <Button variant="quiet" onPress={() => useNavStore.getState().go('cases')} isDisabled={creating}>
          {t('intake.cancel')}
        </Button>
      </div>
      <nav aria-label={t('intake.stepsLabel')}>
        <ol className="intake-steps">
          {STEPS.map((s, i) => (
            <li key={s} className={i === step ? 'is-current' : i < step ? 'is-done' : undefined} aria-current={i === step ? 'step' : undefined}>
              <span className="intake-step-number" aria-hidden="true">
                {i < step ? '✓' : i + 1}
              </span>
              <span className="intake-step-name">{t(`intake.steps.${s}`)}</span>
              {i < step ? <span className="visually-hidden"> ({t('intake.stepDone')})</span> : null}
            </li>
          ))}
        </ol>
      </nav>
      <FormProvider {...form}>
        <form className="panel intake-panel" onSubmit={(e) => void onSubmit(e)} noValidate aria-labelledby="intake-step-title">
          <p className="steps-text">{t('intake.stepOf', { current: step + 1, total: STEPS.length })}</p>
          <h2 id="intake-step-title" ref={headingRef} tabIndex={-1}>
            {t(`intake.${id}.title`)}
          </h2>
          {invalid ? <Notice tone="error">{t('intake.checkFields')}</Notice> : null}
          <div className="form intake-fields" ref={stepRef}>
            {id === 'identity' ? <IdentityStep /> : null}
            {id === 'profile' ? <ProfileStep /> : null}
            {id === 'consents' ? <ConsentStep /> : null}
            {id === 'risk' ? <RiskStep /> : null}
            {id === 'review' ? <ReviewStep onEdit={goTo} /> : null}
          </div>
          {creating ? <Notice tone="info">{t('intake.creating')}</Notice> : null}
          {createError ? <Notice tone="error">{createError}</Notice> : null}
          <div className="actions intake-actions">
            {step > 0 ? (
              <Button variant="secondary" onPress={() => goTo(step - 1)} isDisabled={creating}>
                {t('intake.back')}
              </Button>
            ) : null}
            <Button variant="primary" type="submit" isPending={creating}>
              {id === 'review' ? t('intake.create') : t('intake.next')}
            </Button>
          </div>
        </form>
      </FormProvider>
      <Dialog
        isOpen={leave !== null}
        onOpenChange={(open) => {
          if (!open) setLeave(null);
        }}
        title={t('intake.leave.title')}
        role="alertdialog"
      >
        <p>{t('intake.leave.body')}</p>
        <div className="actions">
          <Button variant="secondary" onPress={() => setLeave(null)} autoFocus>
            {t('intake.leave.stay')}
          </Button>
          <Button
            variant="danger"
            onPress={() => {
              const proceed = leave;
              setLeave(null);
              useNavStore.getState().setGuard(null);
              proceed?.();
            }}
          >
            {t('intake.leave.discard')}
          </Button>
        </div>
      </Dialog>
    </div>
  );
}
